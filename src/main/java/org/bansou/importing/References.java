package org.bansou.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cells of one file that point at other things (an owner, an account, a plan price…), collected while
 * reading and checked afterwards with one query per kind of thing, so 100,000 rows cost a handful of queries.
 */
final class References {

    private record Mention(int line, String column, Reference to, String value) {
    }

    private final List<Mention> mentions = new ArrayList<>();

    void mention(int line, String column, Reference to, String value) {
        mentions.add(new Mention(line, column, to, value));
    }

    void check(KnownIds known, Problems problems) {
        Map<Reference, Set<String>> asked = new EnumMap<>(Reference.class);
        for (Mention mention : mentions) {
            asked.computeIfAbsent(mention.to(), to -> new LinkedHashSet<>()).add(mention.value());
        }
        Map<Reference, Set<String>> existing = new EnumMap<>(Reference.class);
        asked.forEach((to, values) -> existing.put(to, known.existing(to, List.copyOf(values))));
        for (Mention mention : mentions) {
            if (!existing.get(mention.to()).contains(mention.value())) {
                problems.add(mention.line(), mention.column(), mention.to().problem, mention.value());
            }
        }
    }
}

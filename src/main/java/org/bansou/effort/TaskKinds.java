package org.bansou.effort;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bansou.web.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code effort_task_kind}: the configurable list of the kinds of work CSMs log. */
@Component
public class TaskKinds {

    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");

    /** The kinds a workspace starts with (the migration seeds the same list). */
    public static final List<TaskKind> STANDARD = List.of(
            new TaskKind("onboarding_session", "オンボーディング", "Onboarding session", 10, null),
            new TaskKind("training", "トレーニング", "Training", 20, null),
            new TaskKind("qbr", "QBR（定例レビュー）", "QBR", 30, null),
            new TaskKind("support", "サポート対応", "Support", 40, null),
            new TaskKind("renewal_negotiation", "更新交渉", "Renewal negotiation", 50, null),
            new TaskKind("internal_prep", "社内準備", "Internal prep", 60, null));

    private final JdbcClient jdbc;

    TaskKinds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every kind, retired ones included, in list order. */
    public List<TaskKind> all() {
        return jdbc.sql("""
                        SELECT code, label_ja, label_en, position, retired_at
                          FROM effort_task_kind
                         ORDER BY position, code
                        """)
                .query(TaskKind.class)
                .list();
    }

    /** The kinds a CSM can log now. */
    public List<TaskKind> active() {
        return all().stream().filter(TaskKind::active).toList();
    }

    /** Adds the standard kinds a workspace lacks, leaving the labels of the ones it has as they are. */
    public void addMissingStandard() {
        jdbc.sql("""
                        INSERT INTO effort_task_kind (code, label_ja, label_en, position)
                        SELECT * FROM unnest(CAST(:codes AS text[]), CAST(:ja AS text[]), CAST(:en AS text[]),
                                             CAST(:positions AS integer[]))
                        ON CONFLICT (code) DO NOTHING
                        """)
                .param("codes", STANDARD.stream().map(TaskKind::code).toArray(String[]::new))
                .param("ja", STANDARD.stream().map(TaskKind::labelJa).toArray(String[]::new))
                .param("en", STANDARD.stream().map(TaskKind::labelEn).toArray(String[]::new))
                .param("positions", STANDARD.stream().map(TaskKind::position).toArray(Integer[]::new))
                .update();
    }

    public Optional<TaskKind> find(String code) {
        return all().stream().filter(kind -> kind.code().equals(code)).findFirst();
    }

    /** Adds a kind or relabels one; the code stays, so entries keep their kind when a label is renamed. */
    public TaskKind save(String code, String labelJa, String labelEn, int position, boolean retired) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidFieldException("code", "must be lower-case letters, digits and _ (e.g. onboarding_session)");
        }
        if (labelJa == null || labelJa.isBlank()) {
            throw new InvalidFieldException("labelJa", "is required");
        }
        if (labelEn == null || labelEn.isBlank()) {
            throw new InvalidFieldException("labelEn", "is required");
        }
        jdbc.sql("""
                        INSERT INTO effort_task_kind (code, label_ja, label_en, position, retired_at)
                        VALUES (:code, :labelJa, :labelEn, :position, CASE WHEN :retired THEN now() END)
                        ON CONFLICT (code) DO UPDATE
                           SET label_ja = EXCLUDED.label_ja,
                               label_en = EXCLUDED.label_en,
                               position = EXCLUDED.position,
                               retired_at = CASE WHEN :retired THEN COALESCE(effort_task_kind.retired_at, now()) END
                        """)
                .param("code", code)
                .param("labelJa", labelJa.strip())
                .param("labelEn", labelEn.strip())
                .param("position", position)
                .param("retired", retired)
                .update();
        return find(code).orElseThrow();
    }
}

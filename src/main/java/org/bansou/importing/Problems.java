package org.bansou.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * Everything wrong with one file, worded in the reader's language, listed in file order; also for a capability
 * that imports a table of its own, with its messages under its own prefix.
 */
public final class Problems {

    private final MessageSource messages;
    private final Locale locale;
    private final String prefix;
    private final List<ImportError> errors = new ArrayList<>();

    Problems(MessageSource messages, Locale locale) {
        this(messages, locale, "importing.error.");
    }

    /** Messages under {@code prefix}, e.g. {@code effort.import.error.}. */
    public Problems(MessageSource messages, Locale locale, String prefix) {
        this.messages = messages;
        this.locale = locale;
        this.prefix = prefix;
    }

    /** {@code key} is under the prefix; arguments are shown as given (line numbers unformatted). */
    public void add(Integer line, String column, String key, Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = arguments[i] instanceof Number number ? number.toString() : arguments[i];
        }
        errors.add(new ImportError(line, column, messages.getMessage(prefix + key, shown, locale)));
    }

    public int count() {
        return errors.size();
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    public List<ImportError> inFileOrder() {
        return errors.stream()
                .sorted(Comparator.comparing(ImportError::line, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }
}

package org.bansou.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/** Everything wrong with one file, worded in the reader's language, listed in file order. */
final class Problems {

    private final MessageSource messages;
    private final Locale locale;
    private final List<ImportError> errors = new ArrayList<>();

    Problems(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** {@code key} is under {@code importing.error.}; arguments are shown as given (line numbers unformatted). */
    void add(Integer line, String column, String key, Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = arguments[i] instanceof Number number ? number.toString() : arguments[i];
        }
        errors.add(new ImportError(line, column, messages.getMessage("importing.error." + key, shown, locale)));
    }

    int count() {
        return errors.size();
    }

    boolean any() {
        return !errors.isEmpty();
    }

    List<ImportError> inFileOrder() {
        return errors.stream()
                .sorted(Comparator.comparing(ImportError::line, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }
}

package org.bansou.importing;

import java.util.List;

/**
 * What an import did: the counts when every row was good, or every error when it was rejected — in which
 * case nothing at all was written.
 */
public record ImportOutcome(String kind, int inserted, int updated, int unchanged, List<ImportError> errors) {

    public boolean imported() {
        return errors.isEmpty();
    }

    public static ImportOutcome rejected(String kind, List<ImportError> errors) {
        return new ImportOutcome(kind, 0, 0, 0, List.copyOf(errors));
    }
}

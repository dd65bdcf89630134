package org.bansou.importing;

import java.util.List;

import org.bansou.database.UpsertResult;

/**
 * A kind of file (accounts, contacts, …): its columns, how one line becomes a row, and which owner stores
 * and lists the rows. Export and import use the same columns, so an export re-imports as "all unchanged".
 */
interface Kind<R> {

    String name();

    List<Column<R>> columns();

    /** The row on this line, or null when the line has problems (they are recorded on the line). */
    R read(Line line);

    /** Checks that need the whole file, e.g. two rows claiming the same unique key. */
    default void checkAcrossRows(List<Numbered<R>> rows, Problems problems) {
    }

    UpsertResult upsertAll(List<R> rows);

    List<R> allRows();
}

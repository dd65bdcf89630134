package org.bansou.database;

/** What a bulk upsert did: rows new to bansou, rows whose values changed, rows already as given. */
public record UpsertResult(int inserted, int updated, int unchanged) {

    public static UpsertResult of(int total, int existedBefore, int affected) {
        int inserted = total - existedBefore;
        return new UpsertResult(inserted, affected - inserted, total - affected);
    }
}

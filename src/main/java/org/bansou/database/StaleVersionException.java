package org.bansou.database;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Someone saved this row after it was read: the write is refused (409) rather than silently overwriting
 * their change.
 */
public class StaleVersionException extends OptimisticLockingFailureException {

    private final String entity;
    private final String id;
    private final int expectedVersion;
    private final Integer currentVersion;

    public StaleVersionException(String entity, Object id, int expectedVersion) {
        this(entity, id, expectedVersion, null);
    }

    /** {@code currentVersion} is the version the row is at now, so the client can reload it and try again. */
    public StaleVersionException(String entity, Object id, int expectedVersion, Integer currentVersion) {
        super(entity + " " + id + " was changed by someone else (you had version " + expectedVersion
                + (currentVersion == null ? "" : ", it is now at version " + currentVersion)
                + "); reload it and apply your change again");
        this.entity = entity;
        this.id = String.valueOf(id);
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    public int expectedVersion() {
        return expectedVersion;
    }

    /** The version the row is at now, when the owner looked it up; null if unknown. */
    public Integer currentVersion() {
        return currentVersion;
    }
}

package org.bansou.database;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Someone saved this row after it was read: the write is refused (409) rather than silently overwriting
 * their change.
 */
public class StaleVersionException extends OptimisticLockingFailureException {

    public StaleVersionException(String entity, Object id, int expectedVersion) {
        super(entity + " " + id + " was changed by someone else (you had version " + expectedVersion
                + "); reload it and apply your change again");
    }
}

package org.bansou.database;

/** The row asked for does not exist; the API answers 404, the UI a not-found page. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " not found");
    }
}

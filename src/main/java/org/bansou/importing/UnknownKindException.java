package org.bansou.importing;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A kind of file bansou does not know, e.g. a typo in {@code /api/v1/imports/acounts}. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownKindException extends RuntimeException {

    private final List<String> kinds;

    UnknownKindException(String asked, List<String> kinds) {
        super("unknown kind \"" + asked + "\"; the kinds are: " + String.join(", ", kinds));
        this.kinds = kinds;
    }

    public List<String> kinds() {
        return kinds;
    }
}

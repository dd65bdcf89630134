package org.bansou.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * The version an edit was based on. Every update through the API must say which version of the row it read
 * (as {@code version} in the body or as {@code If-Match}), so that a save over someone else's change is
 * refused with 409 instead of silently overwriting it.
 */
public final class EditedVersion {

    private EditedVersion() {
    }

    /** The version the client read; refuses (428) an update that names none. */
    public static int of(Integer bodyVersion, String ifMatch) {
        Integer headerVersion = parse(ifMatch);
        if (bodyVersion == null && headerVersion == null) {
            throw new InvalidFieldException(HttpStatus.PRECONDITION_REQUIRED, List.of(new ApiProblem.FieldProblem(
                    "version", "send the version you read, as \"version\" in the body or as an If-Match header")));
        }
        if (bodyVersion != null && headerVersion != null && !bodyVersion.equals(headerVersion)) {
            throw new InvalidFieldException("version", "is " + bodyVersion + " but If-Match says " + headerVersion
                    + "; send the one version you read");
        }
        return bodyVersion != null ? bodyVersion : headerVersion;
    }

    /** The entity tag of a row at {@code version}, as sent in {@code ETag} and expected back in {@code If-Match}. */
    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    private static Integer parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Integer.valueOf(tag);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("If-Match", "must be the ETag you read, e.g. \"3\"");
        }
    }
}

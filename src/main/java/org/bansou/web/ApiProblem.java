package org.bansou.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the API answers when it refuses a request: the HTTP status, a sentence a person can act on, the fields
 * that were wrong and, when someone else saved first, the version the row is at now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "Why a request was refused")
public record ApiProblem(
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are invalid") String message,
        @Schema(description = "Every field that was wrong, when the request named fields") List<FieldProblem> errors,
        @Schema(description = "On 409: the version the row is at now") Integer currentVersion) {

    /** One wrong field, named as in the request body or query. */
    public record FieldProblem(@Schema(example = "employeeBand") String field,
                               @Schema(example = "must be one of 1-9, 10-49, 50-249, 250-999, 1000+") String message) {
    }

    static ApiProblem of(int status, String message) {
        return new ApiProblem(status, message, null, null);
    }

    static ApiProblem of(int status, String message, List<FieldProblem> errors) {
        return new ApiProblem(status, message, errors, null);
    }
}

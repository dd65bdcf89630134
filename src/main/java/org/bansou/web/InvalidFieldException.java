package org.bansou.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request whose fields each look right but which breaks a rule about the data it refers to, e.g. a contact
 * who is not a key person of the account named in the path. The API answers 400 naming the field.
 */
public class InvalidFieldException extends RuntimeException {

    private final HttpStatus status;
    private final List<ApiProblem.FieldProblem> problems;

    public InvalidFieldException(String field, String message) {
        this(HttpStatus.BAD_REQUEST, List.of(new ApiProblem.FieldProblem(field, message)));
    }

    InvalidFieldException(HttpStatus status, List<ApiProblem.FieldProblem> problems) {
        super(problems.size() == 1
                ? problems.get(0).field() + " " + problems.get(0).message()
                : problems.size() + " fields are invalid");
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** Several fields broke a rule; all are named at once so the client fixes them in one go. */
    public static InvalidFieldException of(List<ApiProblem.FieldProblem> problems) {
        return new InvalidFieldException(HttpStatus.BAD_REQUEST, problems);
    }

    HttpStatus status() {
        return status;
    }

    /** Every field that broke a rule, for a page that shows them beside the form. */
    public List<ApiProblem.FieldProblem> problems() {
        return problems;
    }
}

package org.bansou.web;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every refusal of the JSON API into a {@link ApiProblem} body a client can act on. Only REST controllers
 * are covered: web pages keep their HTML error pages.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    private static final Pattern KEY_DETAIL = Pattern.compile("Key \\((.+?)\\)=\\((.*?)\\)");

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiProblem> invalidBody(MethodArgumentNotValidException e) {
        return badRequest(problems(e.getBindingResult()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiProblem> invalidParameters(HandlerMethodValidationException e) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            if (result instanceof Errors errors) {
                problems.addAll(problems(errors));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error ->
                        problems.add(new ApiProblem.FieldProblem(name, error.getDefaultMessage())));
            }
        });
        return badRequest(problems);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiProblem> wrongParameterType(MethodArgumentTypeMismatchException e) {
        return badRequest(List.of(new ApiProblem.FieldProblem(e.getName(),
                "cannot read \"" + e.getValue() + "\" as " + expected(e.getRequiredType()))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiProblem> missingParameter(MissingServletRequestParameterException e) {
        return badRequest(List.of(new ApiProblem.FieldProblem(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiProblem> missingHeader(MissingRequestHeaderException e) {
        return badRequest(List.of(new ApiProblem.FieldProblem(e.getHeaderName(), "is required")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiProblem> unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = mapping instanceof InvalidFormatException format
                    ? "cannot read \"" + format.getValue() + "\" as " + expected(format.getTargetType())
                    : "has the wrong type" + targetOf(mapping);
            return badRequest(List.of(new ApiProblem.FieldProblem(field, message)));
        }
        if (cause instanceof JsonProcessingException json) {
            return ResponseEntity.badRequest().body(ApiProblem.of(400,
                    "the body is not valid JSON: " + json.getOriginalMessage()));
        }
        return ResponseEntity.badRequest().body(ApiProblem.of(400, "the request needs a JSON body"));
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ApiProblem> invalidField(InvalidFieldException e) {
        return ResponseEntity.status(e.status())
                .body(ApiProblem.of(e.status().value(), e.getMessage(), e.problems()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiProblem> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblem.of(404, e.getMessage()));
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ApiProblem> staleVersion(StaleVersionException e) {
        Integer now = e.currentVersion();
        String message = e.entity() + " " + e.id() + " was changed by someone else after you read version "
                + e.expectedVersion() + (now == null ? "" : "; it is now at version " + now)
                + ". Nothing was saved: bansou cannot tell whose change should win. Reload it, apply your change"
                + " again and send the version you reloaded.";
        var response = ResponseEntity.status(HttpStatus.CONFLICT);
        if (now != null) {
            response.eTag(EditedVersion.etag(now));
        }
        return response.body(new ApiProblem(409, message,
                List.of(new ApiProblem.FieldProblem("version", "is out of date")), now));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiProblem> integrity(DataIntegrityViolationException e) {
        if (!(NestedExceptionUtils.getMostSpecificCause(e) instanceof PSQLException psql)
                || psql.getServerErrorMessage() == null) {
            throw e;
        }
        ServerErrorMessage error = psql.getServerErrorMessage();
        String table = error.getTable() == null ? "row" : error.getTable().replace('_', ' ');
        Matcher key = KEY_DETAIL.matcher(error.getDetail() == null ? "" : error.getDetail());
        String columns = key.find() ? key.group(1) : null;
        String values = columns == null ? null : key.group(2);
        return switch (String.valueOf(psql.getSQLState())) {
            case "23505" -> ResponseEntity.status(HttpStatus.CONFLICT).body(ApiProblem.of(409,
                    "another " + table + " already has " + columns + " " + values,
                    fieldOf(columns, "is already used by another " + table)));
            case "23503" -> badRequest(fieldOf(columns, "refers to " + values + ", which does not exist"));
            case "23502" -> badRequest(fieldOf(error.getColumn(), "is required"));
            case "23514" -> badRequest(fieldOf(checkedColumn(error), "is not an allowed value"), error.getMessage());
            default -> throw e;
        };
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiProblem> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiProblem.of(403, e.getMessage()));
    }

    private static List<ApiProblem.FieldProblem> problems(Errors errors) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        for (FieldError error : errors.getFieldErrors()) {
            problems.add(new ApiProblem.FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        errors.getGlobalErrors().forEach(error ->
                problems.add(new ApiProblem.FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return problems;
    }

    private static ResponseEntity<ApiProblem> badRequest(List<ApiProblem.FieldProblem> problems) {
        String message = problems.size() == 1
                ? problems.get(0).field() + " " + problems.get(0).message()
                : problems.size() + " fields are invalid: " + problems.stream()
                        .map(ApiProblem.FieldProblem::field).distinct().collect(Collectors.joining(", "));
        return badRequest(problems, message);
    }

    private static ResponseEntity<ApiProblem> badRequest(List<ApiProblem.FieldProblem> problems, String message) {
        return ResponseEntity.badRequest().body(ApiProblem.of(400, message, problems.isEmpty() ? null : problems));
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String targetOf(JsonMappingException mapping) {
        if (mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return "; expected " + expected(mismatch.getTargetType());
        }
        return "";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "the expected type";
        }
        if (type == LocalDate.class) {
            return "a date like 2026-04-01";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a timestamp like 2026-04-01T09:00:00Z";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
    }

    // a column check is named <table>_<column>_check by PostgreSQL
    private static String checkedColumn(ServerErrorMessage error) {
        String constraint = error.getConstraint();
        String table = error.getTable();
        if (constraint == null || table == null || !constraint.startsWith(table + "_")
                || !constraint.endsWith("_check") || constraint.length() <= table.length() + "_check".length()) {
            return null;
        }
        return constraint.substring(table.length() + 1, constraint.length() - "_check".length());
    }

    private static List<ApiProblem.FieldProblem> fieldOf(String columns, String message) {
        if (columns == null || columns.contains(",")) {
            return List.of();
        }
        return List.of(new ApiProblem.FieldProblem(camelCase(columns.trim()), message));
    }

    private static String camelCase(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}

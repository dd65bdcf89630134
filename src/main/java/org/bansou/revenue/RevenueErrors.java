package org.bansou.revenue;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How the revenue API answers what it cannot do: 400 naming the field or line, 404, 409. */
@RestControllerAdvice(assignableTypes = RevenueApiController.class)
class RevenueErrors {

    @ExceptionHandler(InvalidRevenueInput.class)
    ProblemDetail invalid(InvalidRevenueInput e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(MissingExchangeRate.class)
    ProblemDetail missingRate(MissingExchangeRate e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(StaleVersionException.class)
    ProblemDetail stale(StaleVersionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}

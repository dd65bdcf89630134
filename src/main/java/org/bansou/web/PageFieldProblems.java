package org.bansou.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page asked with a field that breaks a rule (a period that ends before it starts) answers 400 naming the
 * field: a page for a person, the API's problem details for a machine. It comes last: a page that shows its
 * form again handles the problem itself, and {@link ApiErrors} answers for the API.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageFieldProblems {

    @ExceptionHandler(InvalidFieldException.class)
    Object invalidField(InvalidFieldException problem, HttpServletRequest request) {
        if (!BrowserErrorPages.asksForHtml(request)) {
            return ResponseEntity.status(problem.status())
                    .body(ApiProblem.of(problem.status().value(), problem.getMessage(), problem.problems()));
        }
        ModelAndView page = new ModelAndView("error", problem.status());
        page.addObject("status", problem.status().value());
        page.addObject("error", HttpStatus.valueOf(problem.status().value()).getReasonPhrase());
        page.addObject("problem", problem.getMessage());
        return page;
    }
}

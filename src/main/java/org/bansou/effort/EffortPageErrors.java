package org.bansou.effort;

import java.util.List;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.web.ApiProblem;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** What an effort page shows when it cannot do what was asked: the field, and the status. */
@ControllerAdvice(assignableTypes = EffortController.class)
class EffortPageErrors {

    @ExceptionHandler(InvalidFieldException.class)
    ModelAndView invalid(InvalidFieldException e) {
        return page(HttpStatus.BAD_REQUEST, e.getMessage(), e.problems());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ModelAndView unknownCode(IllegalArgumentException e) {
        return page(HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
    }

    @ExceptionHandler(StaleVersionException.class)
    ModelAndView stale(StaleVersionException e) {
        return page(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    private static ModelAndView page(HttpStatus status, String message, List<ApiProblem.FieldProblem> problems) {
        ModelAndView view = new ModelAndView("effort/problem");
        view.setStatus(status);
        view.addObject("status", status.value());
        view.addObject("message", message);
        view.addObject("problems", problems);
        return view;
    }
}

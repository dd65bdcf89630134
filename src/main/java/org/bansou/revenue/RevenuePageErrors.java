package org.bansou.revenue;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** What a revenue page shows when it cannot do what was asked: the field or line, and the status. */
@ControllerAdvice(assignableTypes = RevenueController.class)
class RevenuePageErrors {

    @ExceptionHandler(InvalidRevenueInput.class)
    ModelAndView invalid(InvalidRevenueInput e) {
        return page(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({MissingExchangeRate.class, StaleVersionException.class})
    ModelAndView conflict(RuntimeException e) {
        return page(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView view = new ModelAndView("revenue/problem");
        view.setStatus(status);
        view.addObject("status", status.value());
        view.addObject("message", message);
        return view;
    }
}

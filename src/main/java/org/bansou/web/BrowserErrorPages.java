package org.bansou.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A person who follows a dead link or edits an address by hand gets a page in their language with the way
 * back, not a JSON document. Machines (anything not asking for HTML) keep getting the problem details the
 * API promises ({@code spring.mvc.problemdetails.enabled}).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BrowserErrorPages {

    @ExceptionHandler({NoResourceFoundException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    Object addressNotUnderstood(Exception problem, HttpServletRequest request) {
        HttpStatusCode status = problem instanceof ErrorResponse response
                ? response.getStatusCode() : HttpStatus.BAD_REQUEST;
        if (!asksForHtml(request)) {
            ProblemDetail body = problem instanceof ErrorResponse response
                    ? response.getBody() : ProblemDetail.forStatusAndDetail(status, problem.getMessage());
            return ResponseEntity.status(status).body(body);
        }
        ModelAndView page = new ModelAndView(status.value() == 404 ? "error/404" : "error", status);
        page.addObject("status", status.value());
        page.addObject("error", HttpStatus.valueOf(status.value()).getReasonPhrase());
        return page;
    }

    static boolean asksForHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}

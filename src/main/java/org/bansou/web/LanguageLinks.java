package org.bansou.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links that switch the language of the page one is on, keeping its filters and paging:
 * {@code ${@languageLinks.to('en')}}. After a form post the link leads to the same address read as a page.
 */
@Component("languageLinks")
public class LanguageLinks {

    public String to(String language) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return "?lang=" + language;
        }
        HttpServletRequest request = attributes.getRequest();
        // an error page is rendered at /error; the link leads back to the address the person asked for
        Object failedUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failedUri != null ? failedUri.toString() : request.getRequestURI();
        String query = "GET".equals(request.getMethod()) && failedUri == null ? request.getQueryString() : null;
        try {
            return UriComponentsBuilder.fromPath(path)
                    .query(query)
                    .replaceQueryParam("lang", language)
                    .build(true)
                    .toUriString();
        } catch (IllegalArgumentException notEncoded) {
            // a hand-typed address with raw characters: switch the language, drop the query
            return path + "?lang=" + language;
        }
    }
}

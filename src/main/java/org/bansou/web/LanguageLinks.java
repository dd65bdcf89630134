package org.bansou.web;

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
        String query = "GET".equals(request.getMethod()) ? request.getQueryString() : null;
        try {
            return UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(query)
                    .replaceQueryParam("lang", language)
                    .build(true)
                    .toUriString();
        } catch (IllegalArgumentException notEncoded) {
            // a hand-typed address with raw characters: switch the language, drop the query
            return request.getRequestURI() + "?lang=" + language;
        }
    }
}

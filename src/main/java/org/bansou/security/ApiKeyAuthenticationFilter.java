package org.bansou.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a machine in by its API key: {@code Authorization: Bearer bsk_...} or {@code X-Api-Key: bsk_...}.
 * A read key acts as a viewer, an admin key as an admin; an ingest key only sends usage events.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys keys;

    ApiKeyAuthenticationFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        presentedSecret(request)
                .flatMap(keys::authenticate)
                .ifPresent(key -> {
                    Actor actor = Actor.apiKey(key.name(), switch (key.scope()) {
                        case "admin" -> Role.ADMIN;
                        case "read" -> Role.VIEWER;
                        default -> null;
                    });
                    if (actor.role() != null) {
                        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                                actor, null, actor.getAuthorities());
                        SecurityContextHolder.getContext().setAuthentication(authentication);
                    }
                });
        chain.doFilter(request, response);
    }

    private static Optional<String> presentedSecret(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.ofNullable(request.getHeader("X-Api-Key")).map(String::trim);
    }
}

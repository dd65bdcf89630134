package org.bansou.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * The JSON answers of {@code /api/v1} when the security filters refuse a request before any controller runs:
 * 401 with no usable credentials, 403 when the role may not do this (e.g. a read key posting).
 */
final class ApiRefusals {

    private ApiRefusals() {
    }

    static void signInNeeded(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"bansou\", Basic realm=\"bansou\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "sign in: send an API key with the read or admin scope"
                + " as Authorization: Bearer bsk_…, or a user name and password with HTTP Basic");
    }

    static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "your role may not " + request.getMethod()
                + " " + request.getRequestURI() + ": viewers and read keys only read; changes need a csm or above");
    }

    private static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String quoted = message.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + quoted + "\"}");
    }
}

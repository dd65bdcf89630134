package org.bansou;

import org.bansou.security.Actor;
import org.bansou.security.AppUser;
import org.bansou.security.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Acts as a real bansou user in tests: through MockMvc, or directly around calls to SQL owners. */
public final class SignedIn {

    private SignedIn() {
    }

    public static Actor actor(AppUser user) {
        return new Actor(user.id(), user.username(), user.displayName(), Role.fromCode(user.role()), "", true);
    }

    public static RequestPostProcessor as(AppUser user) {
        Actor actor = actor(user);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(actor, null, actor.getAuthorities()));
    }

    /** Signs {@code user} in on this thread until {@link #out()}. */
    public static void in(AppUser user) {
        Actor actor = actor(user);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(actor, null, actor.getAuthorities()));
    }

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}

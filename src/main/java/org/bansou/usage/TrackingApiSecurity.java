package org.bansou.usage;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bansou.security.ApiKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The door of the tracking API, {@code /v1/**}: for machines only (no session, no CSRF, no login form), and
 * between the REST API's chain (order 1) and the web UI's (order 3). {@link TrackingApi} answers every request
 * here itself after checking the write key, which may be in the body; nothing gets past it.
 */
@Configuration(proxyBeanMethods = false)
class TrackingApiSecurity {

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain trackingApi(HttpSecurity http, ApiKeys keys, UsageIntake intake, ObjectMapper json,
                                    Clock clock) throws Exception {
        return http
                .securityMatcher("/v1/**")
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new TrackingApi(keys, intake, json, clock), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                .build();
    }
}

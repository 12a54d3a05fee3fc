package dev.trainyard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import dev.trainyard.system.ProblemType;
import dev.trainyard.system.ProblemWriter;
import dev.trainyard.system.Problems;

/**
 * Every /api endpoint needs an API key; key management needs the admin role. Health, metrics,
 * the API docs and Swagger UI stay public. There are no sessions and no cookies (each request
 * carries its key), so there is nothing for CSRF to forge.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String MISSING_KEY_DETAIL = "This endpoint needs an API key. Send it as 'Authorization: Bearer <key>' "
            + "or 'X-API-Key: <key>'. The first admin key of a new installation is in ./data/admin-api-key.";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyService keys, ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint entryPoint = entryPoint(problems);
        AccessDeniedHandler denied = (request, response, ex) ->
                problems.write(request, response, ProblemType.FORBIDDEN, Problems.FORBIDDEN_DETAIL);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, entryPoint, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/keys", "/api/v1/keys/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .build();
    }

    /** What the firewall refuses (a parameter name or header value it deems dangerous) is a 400 problem too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(request, response, ProblemType.INVALID_REQUEST,
                Problems.REJECTED_DETAIL);
    }

    private static AuthenticationEntryPoint entryPoint(ProblemWriter problems) {
        return (request, response, ex) -> {
            boolean badKey = ex instanceof BadCredentialsException;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                    badKey ? "Bearer realm=\"trainyard\", error=\"invalid_token\"" : "Bearer realm=\"trainyard\"");
            problems.write(request, response, ProblemType.UNAUTHENTICATED, badKey ? ex.getMessage() : MISSING_KEY_DETAIL);
        };
    }
}

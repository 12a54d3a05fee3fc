package dev.trainyard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.firewall.StrictHttpFirewall;
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

    /** The dashboard's pages and modules: served to anyone, they hold no data; the data comes from /api with a key. */
    private static final RequestMatcher DASHBOARD = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/"),
            PathPatternRequestMatcher.withDefaults().matcher("/index.html"),
            PathPatternRequestMatcher.withDefaults().matcher("/app/**"));

    /**
     * Scripts only from this node (no inline script, no eval), data only from its API. Styles may be set inline, as the
     * chart library positions its tooltips with them; no markup the dashboard writes is parsed as HTML.
     */
    static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

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
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(DASHBOARD,
                        new StaticHeadersWriter("Content-Security-Policy", DASHBOARD_POLICY))))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, entryPoint, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/keys", "/api/v1/keys/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .build();
    }

    /**
     * No observation of each security filter, authentication and authorization: a span per filter on every request,
     * and its allocations, for nothing the operators read; the HTTP server's own observation of the request stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall with its checks of header names, header values and parameter names (no
     * unassigned or ISO control character; a tab allowed in a header value) made by a scan of the characters rather
     * than a regular expression: the same rule, without a Matcher for every header of every request.
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(text -> assignedAndNotControl(text, false));
        firewall.setAllowedHeaderValues(text -> assignedAndNotControl(text, true));
        firewall.setAllowedParameterNames(text -> assignedAndNotControl(text, false));
        return web -> web.httpFirewall(firewall);
    }

    static boolean assignedAndNotControl(String text, boolean tab) {
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            if (!Character.isDefined(c) || Character.isISOControl(c) && !(tab && c == '\t')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
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

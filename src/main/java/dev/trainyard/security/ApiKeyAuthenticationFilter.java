package dev.trainyard.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.trainyard.system.Databases;
import dev.trainyard.system.ProblemType;
import dev.trainyard.system.ProblemWriter;
import dev.trainyard.system.Problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates /api requests by API key, sent as {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}. A request without a key goes on unauthenticated (the authorization
 * rules then answer 401); a request with an unknown or revoked key is answered 401 here.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeyService keys;
    private final AuthenticationEntryPoint entryPoint;
    private final ProblemWriter problems;

    ApiKeyAuthenticationFilter(ApiKeyService keys, AuthenticationEntryPoint entryPoint, ProblemWriter problems) {
        this.keys = keys;
        this.entryPoint = entryPoint;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> secret = credential(request);
        if (secret.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyService.Credential> key;
        try {
            key = keys.authenticate(secret.get());
        } catch (RuntimeException error) {
            if (!Databases.isTransient(error)) {
                throw error;
            }
            // answered here, as the API would, rather than logged by the container as a servlet failure
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, ProblemType.SERVICE_UNAVAILABLE, Problems.DATABASE_UNAVAILABLE_DETAIL);
            return;
        }
        if (key.isEmpty() || key.get().isRevoked()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException(key.isEmpty()
                    ? "The API key is not valid. Check that it was copied whole, or ask an administrator for a new one."
                    : "The API key was revoked on " + key.get().revokedAt() + ". Ask an administrator for a new one."));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        ApiKeyService.Credential found = key.get();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(found.principal(), null,
                List.of(new SimpleGrantedAuthority(found.role().authority()))));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    static Optional<String> credential(HttpServletRequest request) {
        String header = request.getHeader(KEY_HEADER);
        if (header != null) {
            return Optional.of(header.strip());
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip());
        }
        return Optional.empty();
    }
}

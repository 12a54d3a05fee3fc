package dev.trainyard.system;

import java.io.IOException;
import java.util.Collections;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A malformed {@code Accept} header is refused before Spring MVC sees it: content negotiation would fail on it again
 * while rendering the error, and the answer would have no body at all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AcceptHeaderFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    AcceptHeaderFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException malformed) {
                problems.write(request, response, ProblemType.INVALID_REQUEST, "The Accept header '"
                        + Problems.shown(accept) + "' is not a list of media types like 'application/json, "
                        + "text/csv;q=0.5'. Send 'application/json', or leave the header out.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

package dev.trainyard.system;

import java.io.IOException;
import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * With {@code trainyard.node.base-url} set, every {@code Location} the API answers with points at that address: a
 * client's Host header (which anyone can set) never chooses where a link sends the next request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class BaseUrlFilter extends OncePerRequestFilter {

    private final String baseUrl;

    BaseUrlFilter(NodeProperties node) {
        this.baseUrl = node.baseUrl();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return baseUrl.isEmpty();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, located(name, value));
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, located(name, value));
            }
        });
    }

    /** The value of header {@code name}: a Location keeps its path and query, under the base URL. */
    String located(String name, String value) {
        if (value == null || !HttpHeaders.LOCATION.equalsIgnoreCase(name)) {
            return value;
        }
        URI location = URI.create(value);
        String rest = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
        return baseUrl + (rest.startsWith("/") ? rest : "/" + rest);
    }
}

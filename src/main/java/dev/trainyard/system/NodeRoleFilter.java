package dev.trainyard.system;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A worker-only node keeps health and metrics but refuses the REST API, so a load balancer skips it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class NodeRoleFilter extends OncePerRequestFilter {

    private final NodeProperties node;
    private final ProblemWriter problems;

    NodeRoleFilter(NodeProperties node, ProblemWriter problems) {
        this.node = node;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return node.role().servesApi() || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(request, response, ProblemType.SERVICE_UNAVAILABLE, "This node runs with "
                + "trainyard.node.role=worker and does not serve the API. Send API requests to a node whose role is "
                + "api or both.");
    }
}

package dev.trainyard.system;

import java.util.List;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The servlet container's error page: errors raised before Spring MVC (bad URLs, filters) also
 * answer with a problem, never with a whitelabel page or a stack trace.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? null : uri.toString();
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error
                && Databases.isTransient(error)) {
            return ResponseEntity.status(ProblemType.SERVICE_UNAVAILABLE.status()).header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                            Problems.DATABASE_UNAVAILABLE_DETAIL, List.of(), path));
        }
        // No status: the client asked for /error itself, which is no resource of the API.
        ProblemType kind = status instanceof Integer code ? ProblemType.forStatus(code) : ProblemType.NOT_FOUND;
        ProblemDetail problem = Problems.of(kind, detail(kind), List.of(), path);
        return ResponseEntity.status(kind.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(ProblemType kind) {
        return switch (kind) {
            case NOT_FOUND -> "There is no such resource. The API is listed at /swagger-ui.html and /v3/api-docs.";
            case INVALID_REQUEST -> "The request could not be understood (check the URL encoding and headers).";
            case INTERNAL -> "An unexpected error occurred on the server; it has been logged.";
            default -> kind.title() + ".";
        };
    }
}

package dev.trainyard.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the API answers with. The {@code type} URI of a kind never changes,
 * so clients can branch on it; README.md ("Errors") lists them.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Request validation failed"),
    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),
    INVALID_DATASET("invalid-dataset", HttpStatus.BAD_REQUEST, "Invalid dataset"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    UPLOADS_BUSY("uploads-busy", HttpStatus.SERVICE_UNAVAILABLE, "Too many uploads at once"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String BASE = "https://trainyard.dev/problems/";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The generic kind for a status that has no more specific one. */
    public static ProblemType forStatus(int status) {
        for (ProblemType kind : values()) {
            if (kind.status.value() == status && kind != VALIDATION_FAILED && kind != MALFORMED_BODY
                    && kind != INVALID_DATASET && kind != UPLOADS_BUSY) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}

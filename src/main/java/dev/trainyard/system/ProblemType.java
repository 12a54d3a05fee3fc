package dev.trainyard.system;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

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
    TOO_MANY_STREAMS("too-many-streams", HttpStatus.TOO_MANY_REQUESTS, "Too many event streams"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    UPLOADS_BUSY("uploads-busy", HttpStatus.SERVICE_UNAVAILABLE, "Too many uploads at once"),
    STREAMS_AT_CAPACITY("streams-at-capacity", HttpStatus.SERVICE_UNAVAILABLE, "Node at its event stream capacity"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String BASE = "https://trainyard.dev/problems/";
    /** Kinds that say more than their status does, never chosen for a bare status. */
    private static final Set<ProblemType> SPECIFIC = EnumSet.of(VALIDATION_FAILED, MALFORMED_BODY, INVALID_DATASET,
            TOO_MANY_STREAMS, STREAMS_AT_CAPACITY, UPLOADS_BUSY);

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
            if (kind.status.value() == status && !SPECIFIC.contains(kind)) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}

package dev.trainyard.system;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Thrown by features to answer with a problem of a given kind; {@link ProblemHandler} renders it.
 * The detail is shown to the user, so it says what is wrong and how to fix it.
 */
public class ApiException extends RuntimeException {

    private final ProblemType kind;
    private final List<FieldProblem> fieldProblems;
    private final Duration retryAfter;

    public ApiException(ProblemType kind, String detail) {
        this(kind, detail, List.of());
    }

    public ApiException(ProblemType kind, String detail, List<FieldProblem> fieldProblems) {
        this(kind, detail, fieldProblems, null);
    }

    private ApiException(ProblemType kind, String detail, List<FieldProblem> fieldProblems, Duration retryAfter) {
        super(detail);
        this.kind = kind;
        this.fieldProblems = List.copyOf(fieldProblems);
        this.retryAfter = retryAfter;
    }

    /** A problem that goes away by itself (a limit of open things, a node shutting down): answered with Retry-After. */
    public static ApiException retryLater(ProblemType kind, String detail, Duration retryAfter) {
        return new ApiException(kind, detail, List.of(), retryAfter);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(ProblemType.NOT_FOUND, "No " + what + " with id '" + id + "' exists for you.");
    }

    /**
     * A 400 validation problem listing {@code problems}: its detail names the field when there is one, else says how
     * many fields of {@code subject} (e.g. "the job spec") are invalid.
     */
    public static ApiException invalid(String subject, List<FieldProblem> problems) {
        return new ApiException(ProblemType.VALIDATION_FAILED, problems.size() == 1
                ? "Field '" + problems.get(0).field() + "': " + problems.get(0).message() + "."
                : problems.size() + " fields of " + subject + " are invalid (listed in 'errors').", problems);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public ProblemType kind() {
        return kind;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

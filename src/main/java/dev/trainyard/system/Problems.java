package dev.trainyard.system;

import java.net.URI;
import java.util.List;

import org.springframework.http.ProblemDetail;

/** Builds every problem body of the API, so they all have the same shape. */
public final class Problems {

    public static final String FORBIDDEN_DETAIL = "The role of your API key does not allow this action. "
            + "Ask an administrator for a key with the needed role.";
    public static final String REJECTED_DETAIL = "The request was refused before it reached the API: it carries a "
            + "parameter name, header or URL that is not allowed. Send plain names and values, and JSON bodies as "
            + "application/json.";
    public static final String DATABASE_UNAVAILABLE_DETAIL = "The database did not answer in time, so nothing was changed. "
            + "Send the request again in a few seconds.";

    private Problems() {
    }

    /** A value a client sent, as a detail may quote it: printable, and clipped to 80 characters. */
    public static String shown(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }

    public static ProblemDetail of(ProblemType kind, String detail, List<FieldProblem> errors, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(kind.status(), detail);
        problem.setType(kind.type());
        problem.setTitle(kind.title());
        if (path != null) {
            problem.setInstance(instance(path));
        }
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}

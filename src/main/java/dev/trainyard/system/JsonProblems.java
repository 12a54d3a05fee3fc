package dev.trainyard.system;

import java.util.List;

import tools.jackson.core.JacksonException;

/**
 * For JSON read from inside a request (a job spec within a sweep): the same explanations as for a request body, with
 * the field paths placed under {@code prefix}.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static ApiException of(JacksonException ex, String prefix) {
        BodyProblem problem = BodyProblem.explain(ex);
        List<FieldProblem> errors = problem.errors().stream()
                .map(error -> new FieldProblem(prefix + error.field(), error.message())).toList();
        String detail = errors.isEmpty() ? problem.detail() : "Field '" + errors.get(0).field() + "' "
                + errors.get(0).message() + ".";
        return new ApiException(ProblemType.VALIDATION_FAILED, detail, errors);
    }

    /**
     * For JSON a request builds whole from what it sent (a job spec patched): the problem it would have had as a
     * request body of its own, a malformed-body problem naming the fields by their paths in it.
     */
    public static ApiException asBody(JacksonException ex) {
        BodyProblem problem = BodyProblem.explain(ex);
        return new ApiException(ProblemType.MALFORMED_BODY, problem.detail(), problem.errors());
    }
}

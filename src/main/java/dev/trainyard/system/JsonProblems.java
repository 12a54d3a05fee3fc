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
}

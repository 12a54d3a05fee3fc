package dev.trainyard.job;

import java.util.List;

import dev.trainyard.system.FieldProblem;

/**
 * A value built from what a user wrote, or the problems that kept it from being built (each under the path of its
 * field); never both. Where the problems become an answer, a 400 on a request or a failed job on a worker, is the
 * caller's choice.
 */
public record Checked<T>(T value, List<FieldProblem> problems) {

    public Checked {
        problems = List.copyOf(problems);
        if ((value == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a checked value has a value or problems, not both or neither");
        }
    }

    public static <T> Checked<T> of(T value) {
        return new Checked<>(value, List.of());
    }

    public static <T> Checked<T> invalid(List<FieldProblem> problems) {
        return new Checked<>(null, problems);
    }

    public boolean valid() {
        return value != null;
    }

    /** The problems, each on one line, for a message that is not a problem document. */
    public String describe() {
        return String.join("; ", problems.stream().map(p -> p.field().isEmpty() ? p.message()
                : p.field() + " " + p.message()).toList());
    }
}

package dev.trainyard.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.engine.spec.Require;
import dev.trainyard.system.FieldProblem;

/** The mistakes found in a job spec so far, each under the path of its field, so all are reported in one answer. */
final class SpecProblems {

    private final List<FieldProblem> problems = new ArrayList<>();

    void add(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    void addAll(List<FieldProblem> found) {
        problems.addAll(found);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<FieldProblem> list() {
        return List.copyOf(problems);
    }

    /** Builds a part, recording the engine's complaint under the part's path instead of stopping; null if invalid. */
    <T> T attempt(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSpecException invalid) {
            add(path, invalid.getMessage());
            return null;
        }
    }

    /** The constant named by {@code value} in any case, {@code fallback} when it is absent; null if it names none. */
    <E extends Enum<E>> E choice(String path, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            add(path, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + "; was "
                    + Require.quoted(value));
            return null;
        }
    }
}

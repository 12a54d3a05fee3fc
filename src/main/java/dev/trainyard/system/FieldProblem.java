package dev.trainyard.system;

/** One invalid field of a request: where it is (a JSON path like {@code layers[2].units}) and what is wrong. */
public record FieldProblem(String field, String message) {
}

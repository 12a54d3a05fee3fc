package dev.trainyard.engine.diagnose;

/**
 * One field of the job spec a finding suggests changing, by its path in the spec as a user writes it
 * ({@code model.layers[2].activation}, {@code training.optimizer.learningRate}); {@code value} is a string, number,
 * boolean, or a map / list of them, and null removes the field. The service turns a finding's changes into one JSON
 * Merge Patch of the job's spec.
 */
public record Change(String path, Object value) {
}

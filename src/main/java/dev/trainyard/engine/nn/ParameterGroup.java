package dev.trainyard.engine.nn;

/**
 * A named slice of the flat parameter vector: one layer's weights, biases, or batch-norm scale
 * and shift. Regularization applies to weights (and to the others only when asked); diagnostics
 * report per group.
 */
public record ParameterGroup(String layer, Kind kind, int offset, int length) {

    public enum Kind { WEIGHTS, BIASES, SCALE, SHIFT }

    public boolean isWeights() {
        return kind == Kind.WEIGHTS;
    }
}

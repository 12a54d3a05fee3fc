package dev.trainyard.engine.spec;

/**
 * Penalties that keep weights small. L1 adds l1 * sum|w| to the loss (gradient l1 * sign(w)),
 * L2 adds l2 / 2 * sum w^2 (gradient l2 * w); both apply to weights, and to biases only when
 * asked. Weight decay is decoupled: w -= lr * weightDecay * w after the optimizer step, outside
 * the gradient (for Adam the two differ; see AdamW).
 */
public record Regularization(double l1, double l2, double weightDecay, boolean includeBiases) {

    public static final Regularization NONE = new Regularization(0, 0, 0, false);

    public Regularization {
        Require.nonNegative("regularization.l1", l1);
        Require.nonNegative("regularization.l2", l2);
        Require.nonNegative("regularization.weightDecay", weightDecay);
    }
}

package dev.trainyard.engine.spec;

/**
 * The update rules of the notes; g is the gradient of the loss (with any L1/L2 terms) at step t.
 * Each record holds configuration only; its stateful twin lives in {@code engine.optim}. Each one's
 * {@code DEFAULT} holds the settings a job spec leaves out: the one place they are declared.
 */
public sealed interface OptimizerSpec {

    double learningRate();

    /** The same optimizer with another learning rate (the one a range test suggested). */
    OptimizerSpec withLearningRate(double rate);

    /** w -= lr * g */
    record Sgd(double learningRate) implements OptimizerSpec {

        public static final Sgd DEFAULT = new Sgd(0.01);

        public Sgd {
            Require.positive("learningRate", learningRate);
        }

        @Override
        public Sgd withLearningRate(double rate) {
            return new Sgd(rate);
        }
    }

    /** Momentum as an exponentially weighted average: v = beta * v + (1 - beta) * g; w -= lr * v */
    record Momentum(double learningRate, double beta) implements OptimizerSpec {

        public static final Momentum DEFAULT = new Momentum(0.01, 0.9);

        public Momentum {
            Require.positive("learningRate", learningRate);
            Require.fractionFromZero("beta", beta);
        }

        @Override
        public Momentum withLearningRate(double rate) {
            return new Momentum(rate, beta);
        }
    }

    /** Nesterov, in the same EWMA form, looking ahead: v = beta * v + (1 - beta) * g; w -= lr * (beta * v + (1 - beta) * g) */
    record Nesterov(double learningRate, double beta) implements OptimizerSpec {

        public static final Nesterov DEFAULT = new Nesterov(0.01, 0.9);

        public Nesterov {
            Require.positive("learningRate", learningRate);
            Require.fractionFromZero("beta", beta);
        }

        @Override
        public Nesterov withLearningRate(double rate) {
            return new Nesterov(rate, beta);
        }
    }

    /** s += g^2; w -= lr * g / sqrt(s + eps) */
    record Adagrad(double learningRate, double epsilon) implements OptimizerSpec {

        public static final Adagrad DEFAULT = new Adagrad(0.01, 1e-8);

        public Adagrad {
            Require.positive("learningRate", learningRate);
            Require.positive("epsilon", epsilon);
        }

        @Override
        public Adagrad withLearningRate(double rate) {
            return new Adagrad(rate, epsilon);
        }
    }

    /** s = beta * s + (1 - beta) * g^2; w -= lr * g / sqrt(s + eps) */
    record RmsProp(double learningRate, double beta, double epsilon) implements OptimizerSpec {

        public static final RmsProp DEFAULT = new RmsProp(0.001, 0.9, 1e-8);

        public RmsProp {
            Require.positive("learningRate", learningRate);
            Require.fraction("beta", beta);
            Require.positive("epsilon", epsilon);
        }

        @Override
        public RmsProp withLearningRate(double rate) {
            return new RmsProp(rate, beta, epsilon);
        }
    }

    /**
     * m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g^2; m^ = m / (1 - b1^t); v^ = v / (1 - b2^t);
     * w -= lr * m^ / (sqrt(v^) + eps)
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerSpec {

        public static final Adam DEFAULT = new Adam(0.001, 0.9, 0.999, 1e-8);

        public Adam {
            Require.positive("learningRate", learningRate);
            Require.fractionFromZero("beta1", beta1);
            Require.fraction("beta2", beta2);
            Require.positive("epsilon", epsilon);
        }

        @Override
        public Adam withLearningRate(double rate) {
            return new Adam(rate, beta1, beta2, epsilon);
        }

        /** Adam at {@code learningRate}, its other settings the defaults. */
        public static Adam defaults(double learningRate) {
            return new Adam(learningRate, DEFAULT.beta1, DEFAULT.beta2, DEFAULT.epsilon);
        }
    }

    /** Adam, plus decoupled weight decay applied to the weights directly: w -= lr * (m^ / (sqrt(v^) + eps) + wd * w) */
    record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
            implements OptimizerSpec {

        public static final AdamW DEFAULT = new AdamW(0.001, 0.9, 0.999, 1e-8, 0.01);

        public AdamW {
            Require.positive("learningRate", learningRate);
            Require.fractionFromZero("beta1", beta1);
            Require.fraction("beta2", beta2);
            Require.positive("epsilon", epsilon);
            Require.nonNegative("weightDecay", weightDecay);
        }

        @Override
        public AdamW withLearningRate(double rate) {
            return new AdamW(rate, beta1, beta2, epsilon, weightDecay);
        }
    }
}

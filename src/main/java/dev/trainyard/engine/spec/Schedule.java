package dev.trainyard.engine.spec;

/**
 * How the learning rate changes with the epoch e (counted from 0), as a factor of the base rate;
 * an optional linear warm-up first ramps it from lr / warmupEpochs to lr. Each one's {@code DEFAULT}
 * holds the settings a job spec leaves out.
 */
public sealed interface Schedule {

    int warmupEpochs();

    /** factor 1 */
    record Constant(int warmupEpochs) implements Schedule {
        public static final Constant DEFAULT = new Constant(0);

        public Constant {
            Require.nonNegative("schedule.warmupEpochs", warmupEpochs);
        }
    }

    /** factor = factor^floor(e / everyEpochs) */
    record Step(int everyEpochs, double factor, int warmupEpochs) implements Schedule {
        public static final Step DEFAULT = new Step(10, 0.5, 0);

        public Step {
            Require.positive("schedule.everyEpochs", everyEpochs);
            Require.fraction("schedule.factor", factor);
            Require.nonNegative("schedule.warmupEpochs", warmupEpochs);
        }
    }

    /** factor = gamma^e */
    record Exponential(double gamma, int warmupEpochs) implements Schedule {
        public static final Exponential DEFAULT = new Exponential(0.95, 0);

        public Exponential {
            Require.fraction("schedule.gamma", gamma);
            Require.nonNegative("schedule.warmupEpochs", warmupEpochs);
        }
    }

    /** factor = min + (1 - min) * (1 + cos(pi * e / epochs)) / 2: from 1 down to minFactor at the last epoch */
    record Cosine(double minFactor, int warmupEpochs) implements Schedule {
        public static final Cosine DEFAULT = new Cosine(0, 0);

        public Cosine {
            Require.fractionFromZero("schedule.minFactor", minFactor);
            Require.nonNegative("schedule.warmupEpochs", warmupEpochs);
        }
    }
}

package dev.trainyard.engine.spec;

/**
 * How many samples each gradient step sees: all of them (batch gradient descent), a mini-batch,
 * or one (stochastic gradient descent). Batches are reshuffled every epoch from the seed.
 */
public record Batch(Mode mode, int size) {

    public enum Mode { FULL, MINI_BATCH, STOCHASTIC }

    /** What a job spec that leaves the batch out trains with. */
    public static final Batch DEFAULT = of(32);

    public Batch {
        Require.present("batch.mode", mode);
        if (mode == Mode.MINI_BATCH) {
            Require.positive("batch.size", size);
        } else {
            size = mode == Mode.STOCHASTIC ? 1 : 0;
        }
    }

    public static Batch full() {
        return new Batch(Mode.FULL, 0);
    }

    public static Batch of(int size) {
        return new Batch(Mode.MINI_BATCH, size);
    }

    public static Batch stochastic() {
        return new Batch(Mode.STOCHASTIC, 1);
    }

    /** Samples per step for a training set of the given size. */
    public int samplesPerStep(int trainingSamples) {
        return mode == Mode.FULL ? trainingSamples : Math.min(size, trainingSamples);
    }

    /**
     * Gradient steps in one epoch over a training set of the given size: 1 for a full batch, one per sample for
     * stochastic, ceil(samples / size) for mini-batches (the last one holds the rest); 0 for no samples.
     */
    public int stepsPerEpoch(int trainingSamples) {
        if (trainingSamples <= 0) {
            return 0;
        }
        int perStep = samplesPerStep(trainingSamples);
        return (trainingSamples + perStep - 1) / perStep;
    }
}

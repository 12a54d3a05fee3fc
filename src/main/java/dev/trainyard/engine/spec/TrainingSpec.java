package dev.trainyard.engine.spec;

/**
 * How a model is trained. Optional parts (schedule, early stopping, clipping) may be null.
 *
 * @param gradientClipNorm when set, the global gradient norm is scaled down to at most this value
 * @param seed             drives initialization, shuffling, dropout and augmentation
 */
public record TrainingSpec(int epochs, Batch batch, OptimizerSpec optimizer, Schedule schedule,
                           Regularization regularization, EarlyStopping earlyStopping, Augmentation augmentation,
                           Double gradientClipNorm, long seed) {

    public static final int MAX_EPOCHS = 100_000;
    /** What a job spec that leaves them out trains with. */
    public static final int DEFAULT_EPOCHS = 20;
    public static final long DEFAULT_SEED = 42;

    public TrainingSpec {
        Require.positive("epochs", epochs);
        Require.atMost("epochs", epochs, MAX_EPOCHS);
        Require.present("batch", batch);
        Require.present("optimizer", optimizer);
        schedule = schedule == null ? Schedule.Constant.DEFAULT : schedule;
        regularization = regularization == null ? Regularization.NONE : regularization;
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        if (gradientClipNorm != null) {
            Require.positive("gradientClipNorm", gradientClipNorm);
        }
        if (schedule.warmupEpochs() >= epochs) {
            throw new InvalidSpecException("schedule.warmupEpochs must be < epochs (" + epochs + "), was "
                    + schedule.warmupEpochs());
        }
    }

    /** This training with its optimizer's learning rate replaced (by a range test's suggestion). */
    public TrainingSpec withLearningRate(double rate) {
        return new TrainingSpec(epochs, batch, optimizer.withLearningRate(rate), schedule, regularization, earlyStopping,
                augmentation, gradientClipNorm, seed);
    }
}

package dev.trainyard.engine.train;

/** Receives progress; asked between steps whether to stop. */
public interface TrainingListener {

    TrainingListener NONE = metrics -> { };

    void onEpoch(EpochMetrics metrics);

    default boolean cancelRequested() {
        return false;
    }

    /** Asked after each epoch but the last: whether to take a checkpoint now. */
    default boolean checkpointDue(int epoch) {
        return false;
    }

    /** The complete training state after {@code epoch}, for {@link Trainer#resume}. */
    default void onCheckpoint(int epoch, byte[] checkpoint) {
    }
}

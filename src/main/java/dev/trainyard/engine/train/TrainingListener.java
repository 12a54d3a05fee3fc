package dev.trainyard.engine.train;

/** Receives progress; asked between steps whether to stop. */
public interface TrainingListener {

    TrainingListener NONE = metrics -> { };

    void onEpoch(EpochMetrics metrics);

    /**
     * Asked before every step: whether to stop now. The run then ends {@link StopReason#STOP_REQUESTED} with its
     * history and current weights; why it was asked to stop is the caller's business.
     */
    default boolean stopRequested() {
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

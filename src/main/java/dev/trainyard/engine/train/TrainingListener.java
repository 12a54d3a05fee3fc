package dev.trainyard.engine.train;

import java.util.Map;

import dev.trainyard.engine.model.TrainedModel;

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

    /** Asked after each epoch: whether to measure the model as it is now ({@link #onSnapshot}). */
    default boolean snapshotDue(int epoch) {
        return false;
    }

    /**
     * The model after {@code epoch}, its current weights (not the best that early stopping keeps); what it returns is
     * recorded with the epoch's metrics, by name.
     */
    default Map<String, Double> onSnapshot(int epoch, TrainedModel model) {
        return Map.of();
    }
}

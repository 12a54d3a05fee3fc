package dev.trainyard.engine.train;

/** Receives progress; asked between steps whether to stop. */
public interface TrainingListener {

    TrainingListener NONE = metrics -> { };

    void onEpoch(EpochMetrics metrics);

    default boolean cancelRequested() {
        return false;
    }
}

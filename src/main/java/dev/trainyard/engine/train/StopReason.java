package dev.trainyard.engine.train;

/** Why training ended. */
public enum StopReason {
    MAX_EPOCHS, EARLY_STOPPED, DIVERGED,
    /** The listener asked the run to stop ({@link TrainingListener#stopRequested}). */
    STOP_REQUESTED
}

package dev.trainyard.engine.train;

/** Why training ended. */
public enum StopReason {
    MAX_EPOCHS, EARLY_STOPPED, DIVERGED, CANCELLED
}

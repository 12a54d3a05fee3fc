package dev.trainyard.engine.spec;

/**
 * A learning-rate range test's sweep: one step per rate from {@code minLr} to {@code maxLr}, growing exponentially
 * over {@code steps} steps. {@code DEFAULT} is what a range test leaves out and what a job whose learning rate is
 * "auto" runs.
 */
public record LearningRateSearch(double minLr, double maxLr, int steps) {

    public static final LearningRateSearch DEFAULT = new LearningRateSearch(1e-6, 10, 200);
    public static final int MIN_STEPS = 10;
}

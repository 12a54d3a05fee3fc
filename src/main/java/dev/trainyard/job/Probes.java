package dev.trainyard.job;

/**
 * What a worker measures and stores every N epochs while a job trains, beyond its metrics (0: never): the sharpness
 * against 2 / learning rate, the decision boundary of a two-feature classifier, and the model, which analyses of a
 * chosen epoch read.
 */
public record Probes(int sharpnessEvery, int decisionBoundaryEvery, int modelEvery) {

    /** Whether a probe taken every {@code every} epochs falls after {@code epoch} (0-based) of {@code epochs}. */
    public static boolean due(int every, int epoch, int epochs) {
        return every > 0 && ((epoch + 1) % every == 0 || epoch + 1 == epochs);
    }
}

package dev.trainyard.engine.train;

import java.util.List;

import dev.trainyard.engine.model.TrainedModel;

/**
 * How a run ended: why, its full history, the test evaluation (null when there is no test split
 * or training failed), a message saying what went wrong and what to try (null when nothing did),
 * and the trained model (null when training diverged; after early stopping with restored
 * weights, the best epoch's). {@code warnings} lists what the spec does that is allowed but
 * likely unwanted (symmetric init).
 */
public record TrainingResult(StopReason stopReason, List<EpochMetrics> history, Evaluation test, String message,
                             List<String> warnings, int bestEpoch, TrainedModel model) {

    public TrainingResult {
        history = List.copyOf(history);
        warnings = List.copyOf(warnings);
    }
}

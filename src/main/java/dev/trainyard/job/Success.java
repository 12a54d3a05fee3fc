package dev.trainyard.job;

import java.util.List;
import java.util.Map;

import dev.trainyard.dataset.FeatureEncoding;

/**
 * What a succeeded job keeps: why it stopped (MAX_EPOCHS, EARLY_STOPPED), the epoch whose weights the model holds
 * (-1: the last), the test-set evaluation (empty without a test split), warnings about the spec, the trained
 * model as the engine's model document, and how the dataset's raw columns became the model's inputs.
 */
public record Success(String stopReason, int bestEpoch, Map<String, Object> test, List<String> warnings,
                      String modelDocument, FeatureEncoding encoding) {
}

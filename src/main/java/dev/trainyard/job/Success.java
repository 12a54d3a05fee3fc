package dev.trainyard.job;

import java.util.List;
import java.util.Map;

/**
 * What a succeeded job keeps: why it stopped (MAX_EPOCHS, EARLY_STOPPED), the epoch whose weights the model holds
 * (-1: the last), the test-set evaluation (empty without a test split), warnings about the spec, and the trained
 * model as the engine's model document.
 */
public record Success(String stopReason, int bestEpoch, Map<String, Object> test, List<String> warnings,
                      String modelDocument) {
}

package dev.trainyard.engine.diagnose;

import java.util.List;
import java.util.Map;

/**
 * What one rule found in a run.
 *
 * @param rule        the rule
 * @param severity    how much it matters
 * @param layers      the layers it concerns, by the metrics' names ({@code layer0}, {@code layer2.1}, {@code output});
 *                    empty when it concerns the run as a whole
 * @param fromEpoch   the first epoch the evidence covers
 * @param toEpoch     the last one
 * @param evidence    the numbers, and the thresholds they crossed, by name
 * @param explanation what happened and why, in plain words
 * @param changes     the spec changes that address it (empty when none in the spec does)
 */
public record Finding(Rule rule, Severity severity, List<String> layers, int fromEpoch, int toEpoch,
                      Map<String, Object> evidence, String explanation, List<Change> changes) {

    public Finding {
        layers = List.copyOf(layers);
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
        changes = List.copyOf(changes);
    }

    /** The key a finding is kept under: one per rule and layer set. */
    public String key() {
        return rule.id() + (layers.isEmpty() ? "" : ":" + String.join(",", layers));
    }
}

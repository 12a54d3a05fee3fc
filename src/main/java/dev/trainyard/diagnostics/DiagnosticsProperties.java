package dev.trainyard.diagnostics;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.trainyard.engine.diagnose.Thresholds;

/**
 * Diagnostics settings, bound from {@code trainyard.diagnostics.*}.
 *
 * @param thresholds      the rules' thresholds for every job, by the names of {@link Thresholds#DEFAULTS}
 *                        ({@code trainyard.diagnostics.thresholds.vanishingRatio: 1e-4}); a job may override them in
 *                        {@code training.diagnostics}
 * @param refreshInterval how often the findings of a job running on this node are computed again from its history
 *                        (and always when it ends)
 */
@ConfigurationProperties("trainyard.diagnostics")
record DiagnosticsProperties(Map<String, Double> thresholds, @DefaultValue("5s") Duration refreshInterval) {

    DiagnosticsProperties {
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        thresholds.forEach((name, value) -> {
            String problem = Thresholds.problem(name, value);
            if (problem != null) {
                throw new IllegalArgumentException("trainyard.diagnostics.thresholds: " + problem);
            }
        });
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("trainyard.diagnostics.refresh-interval must be above 0, was "
                    + refreshInterval);
        }
    }

    /** The server's thresholds. */
    Thresholds server() {
        return Thresholds.DEFAULT.with(thresholds);
    }
}

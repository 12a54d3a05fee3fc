package dev.trainyard.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The server's diagnostics settings as a node binds them from its configuration. */
class DiagnosticsPropertiesTest {

    private static DiagnosticsProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("trainyard.diagnostics",
                DiagnosticsProperties.class);
    }

    @Test
    void aServerThresholdReplacesTheDefaultForEveryJobAndLeavesTheOthers() {
        DiagnosticsProperties settings = bind(Map.of("trainyard.diagnostics.thresholds.vanishingRatio", "1e-6",
                "trainyard.diagnostics.refresh-interval", "2s"));
        assertThat(settings.server().get("vanishingRatio")).isEqualTo(1e-6);
        assertThat(settings.server().get("deadFraction")).isEqualTo(0.5);
        assertThat(settings.server().with(Map.of("vanishingRatio", 1e-2)).get("vanishingRatio"))
                .as("a job's own replaces the server's").isEqualTo(1e-2);
        assertThat(settings.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(bind(Map.of()).refreshInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownThresholdOrOneNotAboveZeroStopsTheNodeFromStartingAndSaysWhichAndWhy() {
        assertThatThrownBy(() -> bind(Map.of("trainyard.diagnostics.thresholds.vanishingRate", "1e-6")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("vanishingRate")
                .hasMessageContaining("vanishingRatio");
        assertThatThrownBy(() -> bind(Map.of("trainyard.diagnostics.thresholds.deadFraction", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("deadFraction must be a number above 0");
        assertThatThrownBy(() -> bind(Map.of("trainyard.diagnostics.refresh-interval", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("refresh-interval");
    }
}

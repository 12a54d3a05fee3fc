package dev.trainyard.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void refusesACountBelowOneNamingTheKey() {
        assertThatThrownBy(() -> Settings.positive("trainyard.events.max-streams", 0))
                .hasMessage("trainyard.events.max-streams must be at least 1, was 0");
        assertThatCode(() -> Settings.positive("trainyard.events.max-streams", 1)).doesNotThrowAnyException();
    }

    @Test
    void refusesADurationThatIsNotLongerThanZero() {
        assertThatThrownBy(() -> Settings.positive("trainyard.events.keep-alive", Duration.ZERO))
                .hasMessage("trainyard.events.keep-alive must be longer than 0, was PT0S");
        assertThatThrownBy(() -> Settings.positive("trainyard.events.keep-alive", Duration.ofSeconds(-1)))
                .hasMessageContaining("must be longer than 0");
        assertThatCode(() -> Settings.positive("trainyard.events.keep-alive", Duration.ofMillis(1)))
                .doesNotThrowAnyException();
    }
}

package dev.trainyard.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void aFixedClockMovesOnlyWhenAdvancedOrSetAndNeverBack() {
        MutableClock clock = MutableClock.fixed();
        assertThat(clock.instant()).isEqualTo(MutableClock.START).isEqualTo(clock.instant());
        clock.advance(Duration.ofSeconds(5));
        assertThat(clock.millis()).isEqualTo(MutableClock.START.plusSeconds(5).toEpochMilli());
        clock.set(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThatThrownBy(() -> clock.set(MutableClock.START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFollowingClockRunsWithTheSystemsAheadByWhatItWasAdvanced() {
        MutableClock clock = MutableClock.following();
        Instant before = Instant.now();
        clock.advance(Duration.ofHours(1));
        assertThat(clock.instant()).isAfterOrEqualTo(before.plus(Duration.ofHours(1)))
                .isBeforeOrEqualTo(Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void anotherZoneSeesTheSameMoves() {
        MutableClock clock = MutableClock.fixed();
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofMinutes(3));
        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}

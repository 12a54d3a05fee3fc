package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.trainyard.job.StopRequest;
import dev.trainyard.support.MutableClock;

/** A run's stop request: set once, replaced only by a stronger cause, and due at once except for a hand back. */
class StopSignalTest {

    static final Duration LONG = Duration.ofHours(1);

    @Test
    void nothingIsDueUntilAStopIsRequested() {
        StopSignal stop = new StopSignal(LONG, MutableClock.fixed());
        assertThat(stop.get()).isNull();
        assertThat(stop.due()).isFalse();
        stop.request(StopRequest.cancel());
        assertThat(stop.due()).isTrue();
        assertThat(stop.get()).isEqualTo(StopRequest.cancel());
    }

    @Test
    void aLostLeaseOutranksEverythingAndACancelOrPruneOutranksAHandBack() {
        StopSignal stop = new StopSignal(LONG, MutableClock.fixed());
        stop.request(StopRequest.handBack());
        stop.request(StopRequest.prune("pruned by its sweep"));
        assertThat(stop.get()).isEqualTo(StopRequest.prune("pruned by its sweep"));
        stop.request(StopRequest.handBack());
        assertThat(stop.get().cause()).as("a weaker cause never replaces a stronger one")
                .isEqualTo(StopRequest.Cause.PRUNE);
        stop.request(StopRequest.leaseLost());
        stop.request(StopRequest.cancel());
        assertThat(stop.is(StopRequest.Cause.LEASE_LOST)).isTrue();
    }

    @Test
    void ofTwoRequestsOfOneStrengthTheFirstStands() {
        StopSignal stop = new StopSignal(LONG, MutableClock.fixed());
        stop.request(StopRequest.prune("first"));
        stop.request(StopRequest.prune("second"));
        assertThat(stop.get().reason()).isEqualTo("first");
    }

    @Test
    void aHandBackIsDueOnceACheckpointTakenAfterItWasWritten() {
        StopSignal stop = new StopSignal(LONG, MutableClock.fixed());
        stop.checkpointed();
        stop.request(StopRequest.handBack());
        assertThat(stop.due()).as("a checkpoint from before the hand back does not count").isFalse();
        stop.checkpointed();
        assertThat(stop.due()).isTrue();
    }

    @Test
    void aHandBackIsDueAtItsDeadlineWithoutACheckpoint() {
        MutableClock clock = MutableClock.fixed();
        StopSignal stop = new StopSignal(Duration.ofSeconds(20), clock);
        stop.request(StopRequest.handBack());
        clock.advance(Duration.ofSeconds(20));
        assertThat(stop.due()).as("at the deadline").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(stop.due()).as("past the deadline").isTrue();
    }
}

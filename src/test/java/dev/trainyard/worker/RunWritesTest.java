package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.trainyard.job.JobQueue;
import dev.trainyard.job.Lease;
import dev.trainyard.job.LeaseLostException;
import dev.trainyard.job.StopRequest;
import dev.trainyard.job.Success;
import dev.trainyard.support.MutableClock;

/**
 * A final write that meets transient database errors is tried again for as long as the lease may still be held: until
 * a lease duration has passed since a heartbeat last confirmed it. Time here is a {@link MutableClock} that each failed
 * try moves on, so the test sees the give-up point exactly.
 */
class RunWritesTest {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Lease HELD = new Lease(1, "00000000-0000-0000-0000-000000000001", "test#0", 1);
    static final Success DONE = new Success("MAX_EPOCHS", -1, Map.of(), List.of(), "{}", null);

    private final MutableClock clock = MutableClock.fixed();
    private final JobQueue queue = mock(JobQueue.class);
    private final StopSignal stop = new StopSignal(Duration.ofSeconds(20), clock);

    /** Every try fails as a dropped connection would, and takes {@code step} of the clock. */
    private AtomicInteger failingEvery(Duration step) {
        AtomicInteger tries = new AtomicInteger();
        doAnswer(call -> {
            tries.incrementAndGet();
            clock.advance(step);
            throw new TransientDataAccessResourceException("connection reset");
        }).when(queue).succeed(any(), anyList(), any());
        return tries;
    }

    @Test
    void aFinalWriteIsTriedAgainUntilTheLeaseMayHaveLapsedThenGivesUp() {
        AtomicInteger tries = failingEvery(Duration.ofSeconds(15));
        RunWrites writes = new RunWrites(queue, HELD, LEASE, stop, clock);

        assertThatThrownBy(() -> writes.until((q, lease, pending) -> q.succeed(lease, pending, DONE)))
                .isInstanceOf(LeaseLostException.class);
        assertThat(tries.get()).as("tries ending at 15 s and 30 s may still hold; the one ending at 45 s may not")
                .isEqualTo(3);
        assertThat(stop.get()).as("a lapsed lease is not a lost one: the heartbeat decides").isNull();
    }

    @Test
    void aHeartbeatThatConfirmsTheLeaseBuysTheWriteAnotherLease() {
        AtomicInteger tries = new AtomicInteger();
        RunWrites writes = new RunWrites(queue, HELD, LEASE, stop, clock);
        doAnswer(call -> {
            clock.advance(Duration.ofSeconds(20));
            if (tries.incrementAndGet() == 2) {
                writes.confirmed(); // a heartbeat on another thread renewed the lease meanwhile
            }
            if (tries.get() < 3) {
                throw new TransientDataAccessResourceException("connection reset");
            }
            return null;
        }).when(queue).succeed(any(), anyList(), any());

        writes.until((q, lease, pending) -> q.succeed(lease, pending, DONE));

        assertThat(tries.get()).as("40 s in, past the first lease, the second try was covered by the confirmation")
                .isEqualTo(3);
    }

    @Test
    void aLeaseFoundLostStopsTheRunAtOnce() {
        doAnswer(call -> {
            throw new LeaseLostException(HELD);
        }).when(queue).succeed(any(), anyList(), any());
        RunWrites writes = new RunWrites(queue, HELD, LEASE, stop, clock);

        assertThatThrownBy(() -> writes.until((q, lease, pending) -> q.succeed(lease, pending, DONE)))
                .isInstanceOf(LeaseLostException.class);
        assertThat(stop.is(StopRequest.Cause.LEASE_LOST)).isTrue();
    }
}

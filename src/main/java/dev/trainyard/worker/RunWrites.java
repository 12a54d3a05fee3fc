package dev.trainyard.worker;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.trainyard.metrics.EpochPoints;
import dev.trainyard.job.JobQueue;
import dev.trainyard.job.Lease;
import dev.trainyard.job.LeaseLostException;
import dev.trainyard.job.StopRequest;
import dev.trainyard.system.Databases;

/**
 * What one run writes to the queue, kept until it lands. A transient database error (a connection closed under it, a
 * lock timeout, a deadlock, a serialization failure) never ends a run: the epochs it held stay pending and go out with
 * the next write, and a final write (the outcome, the checkpoint of a hand-back) is tried again with backoff for as
 * long as the lease may still be held. Only a lost lease stops the run: a write that finds it lost says so to the
 * run's {@link StopSignal}. Every write is safe to send twice: the queue skips epochs it already has and fences the
 * rest by the lease.
 */
final class RunWrites {

    /** One write of the pending epochs to the queue. */
    interface Write {
        void to(JobQueue queue, Lease lease, List<EpochPoints> pending);
    }

    private static final Logger log = LoggerFactory.getLogger(RunWrites.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final JobQueue queue;
    private final Lease lease;
    private final Duration leaseDuration;
    private final StopSignal stop;
    private final List<EpochPoints> pending = new ArrayList<>();
    private final Clock clock;
    private volatile long leaseConfirmed;

    RunWrites(JobQueue queue, Lease lease, Duration leaseDuration, StopSignal stop, Clock clock) {
        this.clock = clock;
        this.leaseConfirmed = clock.millis();
        this.queue = queue;
        this.lease = lease;
        this.leaseDuration = leaseDuration;
        this.stop = stop;
    }

    void add(EpochPoints epoch) {
        pending.add(epoch);
    }

    /** A heartbeat renewed the lease. */
    void confirmed() {
        leaseConfirmed = clock.millis();
    }

    /** Sends {@code write} once; false when it did not land (the epochs stay pending) or the lease is lost. */
    boolean once(Write write) {
        try {
            write.to(queue, lease, List.copyOf(pending));
            pending.clear();
            return true;
        } catch (LeaseLostException gone) {
            stop.request(StopRequest.leaseLost());
            return false;
        } catch (RuntimeException error) {
            if (!Databases.isTransient(error)) {
                throw error;
            }
            log.warn("Job {}: a write did not reach the database ({}); {} epoch(s) kept for the next one",
                    lease.jobPublicId(), Databases.rootMessage(error), pending.size());
            return false;
        }
    }

    /**
     * Sends {@code write} until it lands, backing off between tries, while the lease may still be held: it has not
     * been found lost, and a heartbeat renewed it within a lease duration.
     *
     * @throws LeaseLostException when the lease is lost or has not been confirmed for longer than it lasts
     */
    void until(Write write) {
        for (long backoff = FIRST_BACKOFF.toMillis(); !once(write); backoff = pause(backoff)) {
            if (lost() || !mayHold()) {
                throw new LeaseLostException(lease);
            }
        }
    }

    /** A read the run starts with (its dataset), tried again on transient errors like {@link #until}. */
    <T> T reading(Read<T> read) throws IOException {
        for (long backoff = FIRST_BACKOFF.toMillis(); ; backoff = pause(backoff)) {
            try {
                return read.get();
            } catch (RuntimeException error) {
                if (!Databases.isTransient(error) || lost() || !mayHold()) {
                    throw error;
                }
                log.warn("Job {}: a read failed ({}); trying again", lease.jobPublicId(), Databases.rootMessage(error));
            }
        }
    }

    interface Read<T> {
        T get() throws IOException;
    }

    private boolean lost() {
        return stop.is(StopRequest.Cause.LEASE_LOST);
    }

    private boolean mayHold() {
        return clock.millis() - leaseConfirmed <= leaseDuration.toMillis();
    }

    /** Sleeps {@code millis} and returns the next, doubled, backoff. */
    private static long pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", interrupted);
        }
        return Math.min(2 * millis, MAX_BACKOFF.toMillis());
    }
}

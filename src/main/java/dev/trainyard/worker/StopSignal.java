package dev.trainyard.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.trainyard.job.StopRequest;

/**
 * A run's one stop request, set by whoever learns of a cause: the heartbeat (a cancel or a prune stored on the job, a
 * lease it could not renew), the node's shutdown (a hand back), or a fenced write that found the lease gone. A later
 * request replaces it only if its cause is stronger ({@link StopRequest#or}), so the run acts on one cause and reports
 * that one. The trainer asks {@link #due} before every step: a hand back is due once the checkpoint at the end of the
 * current epoch has been written, or at its deadline; every other cause at once.
 */
final class StopSignal {

    private final AtomicReference<StopRequest> request = new AtomicReference<>();
    private final Duration handBackTimeout;
    private final Clock clock;
    private volatile long handBackDeadline;
    private volatile boolean handBackCheckpointed;

    StopSignal(Duration handBackTimeout, Clock clock) {
        this.handBackTimeout = handBackTimeout;
        this.clock = clock;
    }

    void request(StopRequest next) {
        if (next.cause() == StopRequest.Cause.HAND_BACK && handBackDeadline == 0) {
            handBackDeadline = clock.millis() + handBackTimeout.toMillis(); // before the request can be seen
        }
        request.accumulateAndGet(next, (current, incoming) -> current == null ? incoming : current.or(incoming));
    }

    /** The request, or null while nothing asks the run to stop. */
    StopRequest get() {
        return request.get();
    }

    boolean is(StopRequest.Cause cause) {
        StopRequest now = request.get();
        return now != null && now.cause() == cause;
    }

    /** A checkpoint was written: a hand back asked for before it can stop now. */
    void checkpointed() {
        handBackCheckpointed = is(StopRequest.Cause.HAND_BACK);
    }

    boolean due() {
        StopRequest now = request.get();
        return now != null && (now.cause() != StopRequest.Cause.HAND_BACK || handBackCheckpointed
                || clock.millis() > handBackDeadline);
    }
}

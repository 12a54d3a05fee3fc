package dev.trainyard.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

import dev.trainyard.system.ApiException;
import dev.trainyard.system.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The caps on open event streams, per owner and per node, both counted on this node. A stream takes its slot before it
 * starts and gives it back exactly once, however it ends. Beyond the owner's cap the answer is 429 (the owner can close
 * a stream), beyond the node's 503 (another node can serve it, or this one later), both with Retry-After: streams end
 * by themselves when their jobs end. Shows {@code trainyard_event_streams} (open now) and
 * {@code trainyard_event_streams_refused_total{cap=owner|node}}.
 */
@Component
class StreamSlots {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final EventStreamProperties settings;
    private final Map<String, Integer> byOwner = new HashMap<>();
    private final Counter refusedForOwner;
    private final Counter refusedForNode;
    private int open;
    private boolean accepting;

    StreamSlots(EventStreamProperties settings, MeterRegistry registry) {
        this.settings = settings;
        Gauge.builder("trainyard.event.streams", this, StreamSlots::open)
                .description("Job event streams open on this node").register(registry);
        this.refusedForOwner = refused(registry, "owner");
        this.refusedForNode = refused(registry, "node");
    }

    private static Counter refused(MeterRegistry registry, String cap) {
        return Counter.builder("trainyard.event.streams.refused").tag("cap", cap)
                .description("Job event streams refused because a cap was reached").register(registry);
    }

    /** A slot for one more stream of {@code owner}, or a 429/503 problem that names the cap. */
    synchronized Slot take(String owner) {
        if (!accepting) {
            throw ApiException.retryLater(ProblemType.SERVICE_UNAVAILABLE, "This node is starting or shutting down "
                    + "and opens no event streams now. Connect again, with Last-Event-ID to miss nothing; another "
                    + "node can serve the stream.", RETRY_AFTER);
        }
        int owned = byOwner.getOrDefault(owner, 0);
        if (owned >= settings.maxStreamsPerOwner()) {
            refusedForOwner.increment();
            throw ApiException.retryLater(ProblemType.TOO_MANY_STREAMS, "You have " + owned + " event streams open on "
                    + "this node, the most one owner may have (trainyard.events.max-streams-per-owner). Close one "
                    + "you no longer read, or poll GET /api/v1/jobs for jobs you only check on; each stream also "
                    + "ends when its job ends.", RETRY_AFTER);
        }
        if (open >= settings.maxStreams()) {
            refusedForNode.increment();
            throw ApiException.retryLater(ProblemType.STREAMS_AT_CAPACITY, "This node serves " + open + " event "
                    + "streams, the most it may (trainyard.events.max-streams). Try again later or on another node; "
                    + "an operator can raise the cap or add API nodes.", RETRY_AFTER);
        }
        byOwner.put(owner, owned + 1);
        open++;
        return new Slot(owner);
    }

    /** Whether {@link #take} hands out slots: only between the node's start and its shutdown. */
    synchronized void accepting(boolean accepting) {
        this.accepting = accepting;
    }

    private synchronized int open() {
        return open;
    }

    private synchronized void giveBack(String owner) {
        open--;
        byOwner.computeIfPresent(owner, (name, count) -> count == 1 ? null : count - 1);
    }

    /** One open stream's place under the caps. */
    final class Slot {

        private final String owner;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot(String owner) {
            this.owner = owner;
        }

        void release() {
            if (held.compareAndSet(true, false)) {
                giveBack(owner);
            }
        }
    }
}

package dev.trainyard.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-Sent Events of a job: {@code status} for every transition, {@code metrics} and {@code progress} for every
 * epoch. Everything comes from the database, so a stream works whichever node trains the job. Each event's id is its
 * {@link EventCursor}; a client that reconnects with {@code Last-Event-ID} gets exactly what came after it. A stream
 * ends once its job has ended and all is sent.
 * <p>
 * Streams never wait on each other. One thread polls the database for all of them, but it only queues each stream's
 * next events, at most {@code trainyard.events.send-buffer} bytes, and reads no further for a stream until its client
 * has taken them. The bytes go out through {@link EventStream}'s non-blocking writes, so a client that reads slowly or
 * not at all holds no thread and delays no one. A stream whose client has taken nothing for {@code send-timeout} is
 * closed: its client reconnects with Last-Event-ID and misses nothing. A stream with nothing to say gets a comment
 * every {@code keep-alive}, so that proxies keep it open and a client that left is noticed by the failed write.
 * {@link StreamSlots} caps streams per owner and per node. On shutdown every stream is ended at once, before the web
 * server waits for open requests.
 */
@Component
class JobEvents implements SmartLifecycle {

    private static final Duration POLL = Duration.ofMillis(250);
    /** Longest a stream stays open, after which its client reconnects: long-lived connections get rebalanced. */
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

    private final JobEventReader reader;
    private final StreamSlots slots;
    private final EventStreamProperties settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter dropped;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;

    JobEvents(JobEventReader reader, StreamSlots slots, EventStreamProperties settings, JsonMapper json, Clock clock,
            MeterRegistry registry) {
        this.reader = reader;
        this.slots = slots;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.dropped = Counter.builder("trainyard.event.streams.dropped").description("Job event streams closed "
                + "because their client took nothing for trainyard.events.send-timeout").register(registry);
    }

    /** One client following one job. Its cursor is read and moved by the poller thread only. */
    private static final class Subscription {
        final long jobId;
        final UUID publicId;
        final int totalEpochs;
        EventCursor cursor;
        EventStream stream;

        Subscription(TrainingJob job, EventCursor from) {
            this.jobId = job.id();
            this.publicId = job.publicId();
            this.totalEpochs = job.totalEpochs();
            this.cursor = from;
        }
    }

    /** Streams {@code job}'s events from {@code from} to this request, or refuses with 429/503 beyond a cap. */
    void subscribe(String owner, TrainingJob job, EventCursor from, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        StreamSlots.Slot slot = slots.take(owner);
        Subscription subscription = new Subscription(job, from);
        try {
            subscription.stream = EventStream.start(request, response, clock, settings.sendBuffer().toBytes(),
                    LIFETIME, () -> {
                        subscriptions.remove(subscription);
                        slot.release();
                    });
        } catch (IOException | RuntimeException notStarted) {
            slot.release();
            throw notStarted;
        }
        subscriptions.add(subscription);
        try {
            poller.execute(() -> tick(subscription, clock.millis()));
        } catch (RejectedExecutionException shuttingDown) {
            subscription.stream.abort();
        }
    }

    /** One round over every stream, on the poller thread. */
    private void round() {
        long now = clock.millis();
        subscriptions.forEach(subscription -> tick(subscription, now));
    }

    private void tick(Subscription subscription, long now) {
        try {
            advance(subscription, now);
        } catch (RuntimeException unexpected) {
            // a scheduled task that throws is never run again: end this stream (its client reconnects), keep the rest
            log.warn("Ended an event stream of job {} after an unexpected failure", subscription.publicId, unexpected);
            subscription.stream.abort();
        }
    }

    /** Drops a stalled stream, reads on for one whose client took everything, keeps an idle one alive. */
    private void advance(Subscription subscription, long now) {
        EventStream stream = subscription.stream;
        if (stream.ended()) {
            subscriptions.remove(subscription);
        } else if (stream.stalledFor(settings.sendTimeout(), now)) {
            drop(subscription);
        } else if (!stream.hasQueued()) {
            poll(subscription);
        }
        if (stream.idleFor(settings.keepAlive(), now) && stream.offer(KEEP_ALIVE)) {
            stream.send();
        }
    }

    private void drop(Subscription subscription) {
        dropped.increment();
        log.info("Closed an event stream of job {}: its client took nothing for {} (trainyard.events.send-timeout); "
                + "it can reconnect with Last-Event-ID", subscription.publicId,
                DurationStyle.SIMPLE.print(settings.sendTimeout()));
        subscription.stream.abort();
    }

    /** Queues the events after the cursor that fit, and moves the cursor past them. */
    private void poll(Subscription subscription) {
        EventStream stream = subscription.stream;
        try {
            JobEventReader.Batch batch = reader.after(subscription.jobId, subscription.totalEpochs, subscription.cursor);
            for (JobEventReader.Event event : batch.events()) {
                EventCursor next = subscription.cursor.past(event);
                if (!stream.offer(frames(next, event))) {
                    break;
                }
                subscription.cursor = next;
            }
            if (batch.jobEnded() && batch.events().isEmpty()) {
                stream.finish();
            } else {
                stream.send();
            }
        } catch (DataAccessException databaseTrouble) {
            // the next poll tries again
        }
    }

    /** An event's text/event-stream frames: one per name, all with the cursor as their id. */
    private byte[] frames(EventCursor cursor, JobEventReader.Event event) {
        StringBuilder frames = new StringBuilder();
        event.named().forEach((name, data) -> frames.append("id: ").append(cursor.id()).append("\nevent: ")
                .append(name).append("\ndata: ").append(json.writeValueAsString(data)).append("\n\n"));
        return frames.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread polling = new Thread(task, "trainyard-job-events");
            polling.setDaemon(true);
            return polling;
        });
        thread.scheduleWithFixedDelay(this::round, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        poller = thread;
        slots.accepting(true);
    }

    /** Refuses new streams and ends the open ones at once; their clients reconnect elsewhere with Last-Event-ID. */
    @Override
    public void stop() {
        slots.accepting(false);
        poller.shutdown();
        subscriptions.forEach(subscription -> subscription.stream.abort());
        try {
            poller.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null && !poller.isShutdown();
    }

    /**
     * Stopped first, beside the workers handing their jobs back, and so before the web server's graceful shutdown
     * ({@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE}) waits for open requests, which a stream
     * would be until its job ended. Clients that reconnect elsewhere get the hand-back from the database.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}

package dev.trainyard.job;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One client's text/event-stream, written with Servlet non-blocking I/O so that no thread ever waits for a client.
 * Bytes wait in a bounded outbox and go to the socket only while the container says it can take them
 * ({@link ServletOutputStream#isReady()}); when it cannot, it calls {@link #onWritePossible()} once it can again. A
 * client that never reads thus holds no thread, only its outbox, and a blocking write (which Tomcat lets wait for its
 * whole connection timeout) never happens.
 * <p>
 * Any thread may queue and write: whichever holds the {@code writing} flag writes everything there is, and the others
 * return at once. No lock is held across container calls, so a container thread in a callback never waits on a thread
 * that waits on the container. The stream ends once, by {@link #finish()} (after the rest is written),
 * {@link #abort()} (now, the outbox discarded), or the container (client gone, request timed out); {@code onEnd} runs
 * exactly once in every case. Longer than most classes so that the whole write protocol, and its races, read in one
 * place.
 */
final class EventStream implements WriteListener {

    private static final long NOT_STALLED = Long.MIN_VALUE;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Clock clock;
    private final long capacity;
    private final Runnable onEnd;
    private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean finishing;
    private volatile boolean aborting;
    /** True from just before each isReady() until it answers yes or the container calls onWritePossible. */
    private volatile boolean blocked;
    /** The response headers at first, then whatever was written since the last flush. */
    private volatile boolean unflushed = true;
    private volatile long stalledSince = NOT_STALLED;
    private volatile long lastQueued;

    private EventStream(AsyncContext async, ServletOutputStream out, Clock clock, long capacity, Runnable onEnd) {
        this.async = async;
        this.out = out;
        this.clock = clock;
        this.capacity = capacity;
        this.onEnd = onEnd;
        this.lastQueued = clock.millis();
    }

    /**
     * Turns the request into an event stream that lasts at most {@code lifetime}, holding at most about
     * {@code capacity} bytes for its client.
     */
    static EventStream start(HttpServletRequest request, HttpServletResponse response, Clock clock, long capacity,
            Duration lifetime, Runnable onEnd) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // proxies such as nginx pass each event on at once
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(lifetime.toMillis());
        EventStream stream = new EventStream(async, response.getOutputStream(), clock, capacity, onEnd);
        async.addListener(stream.new ContainerEvents());
        stream.out.setWriteListener(stream);
        return stream;
    }

    /** Queues a chunk for {@link #send()}; false when the outbox is full (or the stream over): keep it for later. */
    boolean offer(byte[] chunk) {
        if (ended.get() || finishing || queued.get() >= capacity) {
            return false;
        }
        outbox.add(chunk);
        queued.addAndGet(chunk.length);
        lastQueued = clock.millis();
        return true;
    }

    /** Writes what is queued, as far as the client takes it now; the rest follows as it reads. */
    void send() {
        pump();
    }

    /** Ends the stream once everything queued is written. */
    void finish() {
        finishing = true;
        pump();
    }

    /** Ends the stream now; what is queued is dropped (the client resumes from the last event it got). */
    void abort() {
        aborting = true;
        pump();
    }

    boolean hasQueued() {
        return !outbox.isEmpty();
    }

    boolean ended() {
        return ended.get();
    }

    /** Whether the client has taken nothing for {@code timeout} while output waits for it. */
    boolean stalledFor(Duration timeout, long now) {
        long since = stalledSince;
        return since != NOT_STALLED && now - since >= timeout.toMillis();
    }

    /** Whether nothing was queued for {@code period} and nothing waits. */
    boolean idleFor(Duration period, long now) {
        return outbox.isEmpty() && now - lastQueued >= period.toMillis();
    }

    @Override
    public void onWritePossible() {
        stalledSince = NOT_STALLED;
        blocked = false;
        pump();
    }

    /** The client went away; the container goes on to {@link ContainerEvents#onError}, which ends the request. */
    @Override
    public void onError(Throwable clientGone) {
        end(false);
    }

    private void pump() {
        while (!ended.get() && writing.compareAndSet(false, true)) {
            try {
                step();
            } finally {
                writing.set(false);
            }
            if (!workLeft()) {
                return;
            }
        }
    }

    /** Checked after letting go of the flag: another thread may have queued, or been unblocked, meanwhile. */
    private boolean workLeft() {
        return aborting || (!blocked && (!outbox.isEmpty() || unflushed || finishing));
    }

    private void step() {
        if (aborting) {
            end(true);
            return;
        }
        try {
            writeWhileReady();
        } catch (IOException | RuntimeException clientGoneOrRequestOver) {
            // a write to a request the container has just ended (client gone) fails with ISE, or NPE once recycled
            end(true);
        }
    }

    private void writeWhileReady() throws IOException {
        while (!ended.get() && ready()) {
            byte[] next = outbox.poll();
            if (next != null) {
                out.write(next);
                queued.addAndGet(-next.length);
                unflushed = true;
            } else if (unflushed) {
                unflushed = false;
                out.flush();
            } else {
                if (finishing) {
                    end(true);
                }
                return;
            }
        }
    }

    /**
     * isReady() that answers no registers for one onWritePossible(), which may run on another thread before this one
     * returns: {@code blocked} and the stall clock are set first, so that the callback's clearing them is never lost.
     * The stall clock keeps its earlier start while the answers stay no.
     */
    private boolean ready() {
        blocked = true;
        if (stalledSince == NOT_STALLED) {
            stalledSince = clock.millis();
        }
        if (out.isReady()) {
            blocked = false;
            stalledSince = NOT_STALLED;
            return true;
        }
        return false;
    }

    private void end(boolean complete) {
        if (ended.compareAndSet(false, true)) {
            outbox.clear();
            queued.set(0);
            if (complete) {
                complete();
            }
            onEnd.run();
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyOver) {
            // the container ended the request first
        }
    }

    /**
     * The container's side: the request completed, timed out (its lifetime) or failed (the client went away). On a
     * timeout or an error the listener itself must complete the request, even when a write of ours already did (the
     * error resets that), or the container answers with its error page, on a response that is already a stream.
     */
    private final class ContainerEvents implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            end(false);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end(false);
            complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            end(false);
            complete();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}

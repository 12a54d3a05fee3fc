package dev.trainyard.job;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of a job: {@code status} for every transition, {@code metrics} and {@code progress} for every
 * epoch. Everything comes from the database (one poller for all streams), so a stream works whichever node trains the
 * job. Each event's id is the cursor {@code T.E} (last transition id, last epoch sent); a client that reconnects with
 * {@code Last-Event-ID} gets exactly what came after it. A stream ends once its job has ended and all is sent.
 */
@Component
class JobEvents implements DisposableBean {

    static final long POLL_MILLIS = 250;
    static final long TIMEOUT_MILLIS = 30 * 60_000;
    private static final int EPOCHS_PER_POLL = 200;

    private final JdbcTemplate jdbc;
    private final MetricRollups rollups;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "trainyard-job-events");
        thread.setDaemon(true);
        return thread;
    });

    JobEvents(JdbcTemplate jdbc, MetricRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
        poller.scheduleWithFixedDelay(() -> streams.forEach(this::poll), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Where a client is in a job's events: the last transition id and the last epoch it received. */
    record Cursor(long transition, int epoch) {

        static Cursor parse(String lastEventId) {
            if (lastEventId == null || lastEventId.isBlank()) {
                return new Cursor(0, -1);
            }
            String[] parts = lastEventId.strip().split("\\.");
            try {
                return new Cursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException malformed) {
                throw new IllegalArgumentException("Last-Event-ID must be an id this stream sent (like 12.40), was '"
                        + lastEventId + "'");
            }
        }

        String id() {
            return transition + "." + epoch;
        }
    }

    SseEmitter subscribe(long jobId, int totalEpochs, Cursor from) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        Stream stream = new Stream(jobId, totalEpochs, emitter, from);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(failure -> streams.remove(stream));
        streams.add(stream);
        poller.execute(() -> poll(stream));
        return emitter;
    }

    private final class Stream {
        final long jobId;
        final int totalEpochs;
        final SseEmitter emitter;
        Cursor cursor;

        Stream(long jobId, int totalEpochs, SseEmitter emitter, Cursor cursor) {
            this.jobId = jobId;
            this.totalEpochs = totalEpochs;
            this.emitter = emitter;
            this.cursor = cursor;
        }
    }

    private record Event(Timestamp at, int rank, long transition, int epoch, String name, Object data) {
    }

    private void poll(Stream stream) {
        try {
            List<String> status = jdbc.queryForList("select status from job where id = ?", String.class, stream.jobId);
            List<Event> events = new ArrayList<>(transitions(stream));
            events.addAll(epochs(stream));
            events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::rank));
            for (Event event : events) {
                stream.cursor = new Cursor(Math.max(stream.cursor.transition(), event.transition()),
                        Math.max(stream.cursor.epoch(), event.epoch()));
                stream.emitter.send(SseEmitter.event().id(stream.cursor.id()).name(event.name()).data(event.data()));
            }
            if (status.isEmpty() || (JobStatus.valueOf(status.get(0)).finished() && events.isEmpty())) {
                streams.remove(stream);
                stream.emitter.complete();
            }
        } catch (IOException | IllegalStateException clientGone) {
            streams.remove(stream);
        } catch (RuntimeException databaseTrouble) {
            // the next poll tries again
        }
    }

    private List<Event> transitions(Stream stream) {
        return jdbc.query("select id, from_status, to_status, attempt, node, reason, at from job_transition "
                + "where job_id = ? and id > ? order by id", (rs, row) -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    String to = rs.getString(3);
                    data.put("status", to.toLowerCase());
                    data.put("from", rs.getString(2) == null ? null : rs.getString(2).toLowerCase());
                    data.put("attempt", rs.getInt(4));
                    data.put("node", rs.getString(5));
                    data.put("reason", rs.getString(6));
                    data.put("at", rs.getTimestamp(7).toInstant());
                    return new Event(rs.getTimestamp(7), "RUNNING".equals(to) ? 0 : 2, rs.getLong(1), -1, "status", data);
                }, stream.jobId, stream.cursor.transition());
    }

    /** The next epochs: a metrics event each, then a progress event at the same cursor. */
    private List<Event> epochs(Stream stream) {
        Map<Integer, Map<String, Double>> values = new TreeMap<>();
        Map<Integer, Timestamp> times = new TreeMap<>();
        int after = stream.cursor.epoch();
        List<String> names = rollups.names(stream.jobId, after + 1, after + EPOCHS_PER_POLL);
        if (names.isEmpty()) {
            return List.of();
        }
        jdbc.query("select step, name, metric_value, recorded_at from metric_point where job_id = ? and "
                + MetricRollups.nameIn(names) + " and step > ? and step <= ? order by step, name", rs -> {
                    values.computeIfAbsent(rs.getInt(1), step -> new TreeMap<>()).put(rs.getString(2), rs.getDouble(3));
                    times.put(rs.getInt(1), rs.getTimestamp(4));
                }, JobMetrics.arguments(stream.jobId, names, after, after + EPOCHS_PER_POLL));
        List<Event> events = new ArrayList<>();
        values.forEach((epoch, metrics) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("epoch", epoch);
            data.put("values", metrics);
            events.add(new Event(times.get(epoch), 1, 0, epoch, "metrics", data));
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("epoch", epoch + 1);
            progress.put("totalEpochs", stream.totalEpochs);
            progress.put("fraction", stream.totalEpochs == 0 ? 0.0 : (epoch + 1.0) / stream.totalEpochs);
            events.add(new Event(times.get(epoch), 1, 0, epoch, "progress", progress));
        });
        return events;
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        streams.forEach(stream -> stream.emitter.complete());
    }
}

package dev.trainyard.job;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a job's events after a cursor from the database, in the order they happened: {@code status} for every
 * transition, {@code metrics} then {@code progress} for every epoch (both at the epoch's cursor, so they travel as one).
 */
@Component
class JobEventReader {

    private static final int EPOCHS_PER_READ = 200;

    private final JdbcTemplate jdbc;
    private final MetricRollups rollups;

    JobEventReader(JdbcTemplate jdbc, MetricRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /** What happened at one cursor position: the named events to send, in order. */
    record Event(Timestamp at, int rank, long transition, int epoch, Map<String, Object> named) {
    }

    /**
     * @param jobEnded whether the job had ended (or was deleted) before these events were read: with no events, the
     *                 stream has sent everything
     */
    record Batch(boolean jobEnded, List<Event> events) {
    }

    Batch after(long jobId, int totalEpochs, EventCursor cursor) {
        List<String> status = jdbc.queryForList("select status from job where id = ?", String.class, jobId);
        List<Event> events = new ArrayList<>(transitions(jobId, cursor));
        events.addAll(epochs(jobId, totalEpochs, cursor));
        events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::rank));
        return new Batch(status.isEmpty() || JobStatus.valueOf(status.get(0)).finished(), events);
    }

    private List<Event> transitions(long jobId, EventCursor cursor) {
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
                    return new Event(rs.getTimestamp(7), "RUNNING".equals(to) ? 0 : 2, rs.getLong(1), -1,
                            Map.of("status", data));
                }, jobId, cursor.transition());
    }

    /** The next epochs: a metrics event each, then a progress event at the same cursor. */
    private List<Event> epochs(long jobId, int totalEpochs, EventCursor cursor) {
        Map<Integer, Map<String, Double>> values = new TreeMap<>();
        Map<Integer, Timestamp> times = new TreeMap<>();
        int after = cursor.epoch();
        List<String> names = rollups.names(jobId, after + 1, after + EPOCHS_PER_READ);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>();
        names.forEach(name -> arguments.addAll(List.of(jobId, name, after, after + EPOCHS_PER_READ)));
        jdbc.query(pointsPerName(names.size()), rs -> {
            values.computeIfAbsent(rs.getInt(1), step -> new TreeMap<>()).put(rs.getString(2), rs.getDouble(3));
            times.put(rs.getInt(1), rs.getTimestamp(4));
        }, arguments.toArray());
        List<Event> events = new ArrayList<>();
        values.forEach((epoch, metrics) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("epoch", epoch);
            data.put("values", metrics);
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("epoch", epoch + 1);
            progress.put("totalEpochs", totalEpochs);
            progress.put("fraction", totalEpochs == 0 ? 0.0 : (epoch + 1.0) / totalEpochs);
            Map<String, Object> named = new LinkedHashMap<>();
            named.put("metrics", data);
            named.put("progress", progress);
            events.add(new Event(times.get(epoch), 1, 0, epoch, named));
        });
        return events;
    }

    /**
     * One branch per metric, each a range of the (job_id, name, step) key. With {@code name in (...)} instead, H2 uses
     * the key for the job only and scans every point the job has (a second per read once a job has 100,000 epochs).
     */
    private static String pointsPerName(int names) {
        return String.join(" union all ", Collections.nCopies(names, "select step, name, metric_value, recorded_at "
                + "from metric_point where job_id = ? and name = ? and step > ? and step <= ?")) + " order by 1, 2";
    }
}

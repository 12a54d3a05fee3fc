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
import dev.trainyard.metrics.JobMetrics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a job's events after a cursor from the database, in the order they happened: {@code status} for every
 * transition, {@code metrics} then {@code progress} for every epoch (both at the epoch's cursor, so they travel as one),
 * and {@code diagnostic} for every diagnostics finding when it is first raised (its body as GET .../diagnostics shows it).
 */
@Component
class JobEventReader {

    private static final int EPOCHS_PER_READ = 200;

    private final JdbcTemplate jdbc;
    private final JobMetrics metrics;
    private final JsonMapper json;

    JobEventReader(JdbcTemplate jdbc, JobMetrics metrics, JsonMapper json) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.json = json;
    }

    /** What happened at one cursor position: the named events to send, in order. */
    /** How long a stream waits after its job ended for the diagnosis that follows the end. */
    static final int DIAGNOSIS_GRACE_SECONDS = 10;

    record Event(Timestamp at, int rank, long transition, int epoch, long finding, Map<String, Object> named) {
    }

    /**
     * @param jobEnded whether the job had ended (or was deleted) before these events were read, and its final
     *                 diagnosis was written (or {@value #DIAGNOSIS_GRACE_SECONDS} s have passed without one): with no
     *                 events, the stream has sent everything
     */
    record Batch(boolean jobEnded, List<Event> events) {
    }

    Batch after(long jobId, int totalEpochs, EventCursor cursor) {
        List<String> status = jdbc.queryForList("select case when (select d.diagnosed_at from job_diagnosis d "
                + "where d.job_id = job.id) >= finished_at or finished_at < current_timestamp - "
                + DIAGNOSIS_GRACE_SECONDS + " * interval '1' second then status else ? end "
                + "from job where id = ?", String.class, JobStatus.RUNNING.name(), jobId);
        List<Event> events = new ArrayList<>(transitions(jobId, cursor));
        events.addAll(epochs(jobId, totalEpochs, cursor));
        events.addAll(findings(jobId, cursor));
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
                    return new Event(rs.getTimestamp(7), JobStatus.RUNNING.name().equals(to) ? 0 : 2, rs.getLong(1), -1,
                            0, Map.of("status", data));
                }, jobId, cursor.transition());
    }

    /** The next epochs: a metrics event each, then a progress event at the same cursor. */
    private List<Event> epochs(long jobId, int totalEpochs, EventCursor cursor) {
        List<Event> events = new ArrayList<>();
        for (JobMetrics.Epoch epoch : metrics.epochsAfter(jobId, cursor.epoch(), EPOCHS_PER_READ)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("epoch", epoch.epoch());
            data.put("values", epoch.values());
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("epoch", epoch.epoch() + 1);
            progress.put("totalEpochs", totalEpochs);
            progress.put("fraction", totalEpochs == 0 ? 0.0 : (epoch.epoch() + 1.0) / totalEpochs);
            Map<String, Object> named = new LinkedHashMap<>();
            named.put("metrics", data);
            named.put("progress", progress);
            events.add(new Event(epoch.writtenAt(), 1, 0, epoch.epoch(), 0, named));
        }
        return events;
    }

    /** A {@code diagnostic} event for each finding raised since the cursor: once, when it is first raised. */
    private List<Event> findings(long jobId, EventCursor cursor) {
        return jdbc.query("select id, body, raised_at from job_finding where job_id = ? and id > ? order by id",
                (rs, row) -> {
                    ObjectNode finding = (ObjectNode) json.readTree(rs.getString(2));
                    finding.put("raisedAt", rs.getTimestamp(3).toInstant().toString());
                    return new Event(rs.getTimestamp(3), 3, 0, -1, rs.getLong(1), Map.of("diagnostic", finding));
                }, jobId, cursor.finding());
    }
}

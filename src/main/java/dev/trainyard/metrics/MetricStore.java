package dev.trainyard.metrics;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a job's metric history: its points and, in the same transaction, their rollups. The job queue calls it inside
 * the fenced transactions that record epochs, so points land exactly when the epoch count that covers them does.
 */
@Component
public class MetricStore {

    private final JdbcTemplate jdbc;
    private final MetricRollups rollups;

    MetricStore(JdbcTemplate jdbc, MetricRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /** Appends the epochs' finite values (a value that is NaN or infinite has no point; the run reports it). */
    public void record(long jobId, List<EpochPoints> epochs) {
        List<Object[]> rows = epochs.stream().flatMap(epoch -> epoch.values().entrySet().stream()
                .filter(value -> Double.isFinite(value.getValue()))
                .map(value -> new Object[] {jobId, value.getKey(), epoch.epoch(), value.getValue()})).toList();
        jdbc.batchUpdate("insert into metric_point (job_id, name, step, metric_value, recorded_at) "
                + "values (?, ?, ?, ?, current_timestamp)", rows);
        rollups.add(jobId, epochs);
    }

    /** Drops every point at or after {@code step}: a resumed attempt writes them again. */
    public void truncate(long jobId, int step) {
        jdbc.update("delete from metric_point where job_id = ? and step >= ?", jobId, step);
        rollups.truncate(jobId, step);
    }
}

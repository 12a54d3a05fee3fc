package dev.trainyard.analysis;

import static dev.trainyard.system.QueueSql.SECONDS_FROM_NOW;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.system.QueueSql;

/**
 * The {@code analysis} table as a small queue: a claim takes the oldest queued analysis under a lease on the database
 * clock ({@code FOR UPDATE SKIP LOCKED}, {@link QueueSql#claimLock}); every later write of the run is fenced by
 * (lease owner, attempt), so a node that lost its lease changes nothing; a lease that runs out puts the analysis back
 * in the queue, or fails it after its last attempt.
 */
@Component
class AnalysisStore {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    private static final String COLUMNS = "a.id, a.public_id, a.owner, a.job_id, j.public_id, a.analysis_type, a.status, "
            + "a.request_json, a.result_json, a.error_message, a.progress, a.cancel_requested, a.attempt, a.lease_owner, "
            + "a.created_at, a.started_at, a.finished_at, a.spec_json from analysis a left join job j on j.id = a.job_id";

    /** @param jobKey null for a range test, which runs from {@code spec} (its template's effective spec) */
    record Row(long key, String id, String owner, Long jobKey, String jobId, String type, String status, String request,
               String result, String error, double progress, boolean cancelRequested, int attempt, String leaseOwner,
               Instant createdAt, Instant startedAt, Instant finishedAt, String spec) {
    }

    private final JdbcTemplate jdbc;
    private final QueueSql sql;

    AnalysisStore(JdbcTemplate jdbc, QueueSql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** Queues an analysis of job {@code jobKey}, or (jobKey null) one that runs from the effective {@code spec}. */
    String insert(String owner, Long jobKey, String type, String requestJson, String spec) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into analysis (public_id, owner, job_id, analysis_type, status, request_json, spec_json, "
                + "progress, cancel_requested, attempt, created_at) values (?, ?, ?, ?, ?, ?, ?, 0, false, 0, "
                + "current_timestamp)", id, owner, jobKey, type, QUEUED, requestJson, spec);
        return id.toString();
    }

    Optional<Row> find(String owner, UUID id) {
        return jdbc.query("select " + COLUMNS + " where a.public_id = ? and a.owner = ?", this::row, id, owner).stream()
                .findFirst();
    }

    List<Row> ofJob(String owner, long jobKey) {
        return jdbc.query("select " + COLUMNS + " where a.job_id = ? and a.owner = ? order by a.id desc", this::row,
                jobKey, owner);
    }

    /** The owner's analyses of one type, newest first, at most {@code limit}. */
    List<Row> ofType(String owner, String type, int limit) {
        return jdbc.query("select " + COLUMNS + " where a.owner = ? and a.analysis_type = ? order by a.id desc fetch "
                + "first " + limit + " rows only", this::row, owner, type);
    }

    /** Asks for a stop: a queued analysis is cancelled at once, a running one at its next progress report. */
    @Transactional
    boolean cancel(long key) {
        if (jdbc.update("update analysis set status = ?, finished_at = current_timestamp where id = ? and status = ?",
                CANCELLED, key, QUEUED) == 1) {
            return true;
        }
        return jdbc.update("update analysis set cancel_requested = true where id = ? and status = ?", key, RUNNING) == 1;
    }

    /** The oldest queued analysis, now running under {@code leaseOwner}'s lease; empty when none is queued. */
    @Transactional
    Optional<Row> claim(String leaseOwner, Duration lease) {
        List<Long> ids = jdbc.queryForList("select id from analysis where status = ? order by id fetch first 1 rows only "
                + sql.claimLock(), Long.class, QUEUED);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("update analysis set status = ?, attempt = attempt + 1, lease_owner = ?, lease_until = "
                + SECONDS_FROM_NOW + ", started_at = coalesce(started_at, current_timestamp) where id = ?", RUNNING,
                leaseOwner, lease.toMillis() / 1000.0, ids.get(0));
        return jdbc.query("select " + COLUMNS + " where a.id = ?", this::row, ids.get(0)).stream().findFirst();
    }

    /**
     * Records progress and renews the lease; false when the run must stop: its lease was lost, or a cancel was asked
     * (then the analysis is cancelled here).
     */
    @Transactional
    boolean progress(Row run, double fraction, Duration lease) {
        int updated = jdbc.update("update analysis set progress = ?, lease_until = " + SECONDS_FROM_NOW
                + " where id = ? and status = ? and lease_owner = ? and attempt = ? and not cancel_requested", fraction,
                lease.toMillis() / 1000.0, run.key(), RUNNING, run.leaseOwner(), run.attempt());
        if (updated == 1) {
            return true;
        }
        jdbc.update("update analysis set status = ?, finished_at = current_timestamp where id = ? and status = ? and "
                + "lease_owner = ? and attempt = ? and cancel_requested", CANCELLED, run.key(), RUNNING,
                run.leaseOwner(), run.attempt());
        return false;
    }

    void succeed(Row run, String resultJson) {
        jdbc.update("update analysis set status = ?, result_json = ?, progress = 1, finished_at = current_timestamp "
                + "where id = ? and status = ? and lease_owner = ? and attempt = ?", SUCCEEDED, resultJson, run.key(),
                RUNNING, run.leaseOwner(), run.attempt());
    }

    void fail(Row run, String message) {
        jdbc.update("update analysis set status = ?, error_message = ?, finished_at = current_timestamp where id = ? and "
                + "status = ? and lease_owner = ? and attempt = ?", FAILED, message.length() > 2000
                ? message.substring(0, 2000) : message, run.key(), RUNNING, run.leaseOwner(), run.attempt());
    }

    /** Analyses whose node went quiet: queued again, or failed after {@code maxAttempts}. */
    @Transactional
    int requeueExpired(int maxAttempts) {
        List<Long> expired = jdbc.queryForList("select id from analysis where status = ? and lease_until < "
                + "current_timestamp order by id " + sql.claimLock(), Long.class, RUNNING);
        for (long id : expired) {
            jdbc.update("update analysis set status = case when attempt >= ? then ? else ? end, error_message = case "
                    + "when attempt >= ? then 'the nodes running it stopped answering ' || attempt || ' times' else "
                    + "error_message end, finished_at = case when attempt >= ? then current_timestamp else null end, "
                    + "lease_owner = null, lease_until = null where id = ?", maxAttempts, FAILED, QUEUED, maxAttempts,
                    maxAttempts, id);
        }
        return expired.size();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        UUID job = rs.getObject(5, UUID.class);
        return new Row(rs.getLong(1), rs.getObject(2, UUID.class).toString(), rs.getString(3), rs.getObject(4, Long.class),
                job == null ? null : job.toString(), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getDouble(11), rs.getBoolean(12), rs.getInt(13), rs.getString(14),
                instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)),
                rs.getString(18));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}

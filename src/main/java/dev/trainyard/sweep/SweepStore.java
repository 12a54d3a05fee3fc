package dev.trainyard.sweep;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The sweep table. */
@Component
class SweepStore {

    /** A stored sweep. */
    record Row(long id, String publicId, String owner, String name, String status, String requestJson, String metric,
               boolean maximize, int maxTrials, int maxParallel, int maxFailed, int trialsCreated, String stopReason,
               Instant createdAt, Instant finishedAt) {
    }

    private static final String COLUMNS = "id, public_id, owner, name, status, request_json, metric, maximize, max_trials, "
            + "max_parallel, max_failed, trials_created, stop_reason, created_at, finished_at";

    private final JdbcTemplate jdbc;

    SweepStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String insert(String owner, String requestJson, SweepPlan plan) {
        UUID publicId = UUID.randomUUID();
        jdbc.update("insert into sweep (public_id, owner, name, status, request_json, algorithm, metric, maximize, "
                + "max_trials, max_parallel, max_failed, created_at, updated_at) values (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, "
                + "?, ?, current_timestamp, current_timestamp)", publicId, owner, plan.name(), requestJson,
                plan.grid() ? "grid" : "random", plan.metric(), plan.maximize(), plan.maxTrials(), plan.maxParallel(),
                plan.maxFailed());
        return publicId.toString();
    }

    Optional<Row> find(String owner, String publicId) {
        UUID id;
        try {
            id = UUID.fromString(publicId);
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
        return jdbc.query("select " + COLUMNS + " from sweep where public_id = ? and owner = ?", this::row, id, owner)
                .stream().findFirst();
    }

    List<Row> list(String owner) {
        return jdbc.query("select " + COLUMNS + " from sweep where owner = ? order by id desc", this::row, owner);
    }

    List<Long> running() {
        return jdbc.queryForList("select id from sweep where status = 'RUNNING' order by id", Long.class);
    }

    /** The running sweep, locked for this transaction; empty if another node holds it or it has ended. */
    Optional<Row> lockRunning(long id) {
        return jdbc.query("select " + COLUMNS + " from sweep where id = ? and status = 'RUNNING' for update skip locked",
                this::row, id).stream().findFirst();
    }

    void created(long id, int trialsCreated) {
        jdbc.update("update sweep set trials_created = ?, updated_at = current_timestamp where id = ?", trialsCreated, id);
    }

    /** Raises the sweep's trial limit and sets it running again. */
    void extend(long id, int maxTrials) {
        jdbc.update("update sweep set max_trials = ?, status = 'RUNNING', stop_reason = null, finished_at = null, "
                + "updated_at = current_timestamp where id = ?", maxTrials, id);
    }

    /** Ends a running sweep; false if it had ended already. */
    boolean finish(long id, String status, String reason) {
        return jdbc.update("update sweep set status = ?, stop_reason = ?, finished_at = current_timestamp, "
                + "updated_at = current_timestamp where id = ? and status = 'RUNNING'", status, reason, id) == 1;
    }

    private Row row(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp(15);
        return new Row(rs.getLong(1), rs.getObject(2).toString(), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                rs.getInt(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
                finished == null ? null : finished.toInstant());
    }
}

package dev.trainyard.sweep;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.job.PlannedJob;

import dev.trainyard.system.Transitions;

/** The sweep table; every change of a sweep's status goes through its transition path, into sweep_transition. */
@Component
class SweepStore {

    /**
     * A stored sweep; {@code kind} is {@link #SWEEP} or the feature that started it, whose own request is
     * {@code kindRequest}.
     */
    record Row(long id, String publicId, String owner, String name, SweepStatus status, String requestJson, String metric,
               boolean maximize, int maxTrials, int maxParallel, int maxFailed, int trialsCreated, String stopReason,
               Instant createdAt, Instant finishedAt, String kind, String kindRequest) {
    }

    /** The kind of a sweep started by POST /api/v1/sweeps. */
    static final String SWEEP = "sweep";

    private static final String COLUMNS = "id, public_id, owner, name, status, request_json, metric, maximize, max_trials, "
            + "max_parallel, max_failed, trials_created, stop_reason, created_at, finished_at, kind, kind_request";

    /** The sweep table's transition path. */
    static final class SweepTransitions extends Transitions<SweepStatus> {
        SweepTransitions(JdbcTemplate jdbc) {
            super(jdbc, "sweep", "sweep_transition", "sweep_id");
        }
    }

    private final JdbcTemplate jdbc;
    private final SweepTransitions transitions;

    SweepStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transitions = new SweepTransitions(jdbc);
    }

    /** Stores a new sweep of {@code kind}, running, with its planned trials. */
    @Transactional
    String insert(String owner, String requestJson, SweepPlanner.Planned planned, String kind, String kindRequest) {
        SweepPlan plan = planned.plan();
        UUID publicId = UUID.randomUUID();
        jdbc.update("insert into sweep (public_id, owner, name, status, request_json, algorithm, metric, maximize, "
                + "max_trials, max_parallel, max_failed, kind, kind_request, created_at, updated_at) values (?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, current_timestamp)", publicId, owner, plan.name(),
                SweepStatus.RUNNING.name(), requestJson, plan.grid() ? "grid" : "random", plan.metric(), plan.maximize(),
                plan.maxTrials(), plan.maxParallel(), plan.maxFailed(), kind, kindRequest);
        long id = jdbc.queryForObject("select id from sweep where public_id = ?", Long.class, publicId);
        transitions.created(id, SweepStatus.RUNNING, "created", Map.of());
        for (int index = 0; index < planned.trials().size(); index++) {
            saveTrial(id, index, planned.trials().get(index));
        }
        return publicId.toString();
    }

    /** Keeps trial {@code index} as planned, to be queued as it is whenever its turn comes. */
    void saveTrial(long sweepId, int index, PlannedJob trial) {
        jdbc.update("insert into sweep_trial (sweep_id, trial_index, spec_json, effective_spec) values (?, ?, ?, ?)",
                sweepId, index, trial.spec(), trial.effectiveSpec());
    }

    /**
     * Trial {@code index} as planned; empty for one not planned yet: beyond the sweep's first max-trials (it was
     * extended), or of a sweep created before trials were kept.
     */
    Optional<PlannedJob> trial(long sweepId, int index) {
        return jdbc.query("select spec_json, effective_spec from sweep_trial where sweep_id = ? and trial_index = ?",
                (rs, row) -> new PlannedJob(rs.getString(1), rs.getString(2)), sweepId, index).stream().findFirst();
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

    /** The owner's sweeps of {@code kind}, newest first. */
    List<Row> list(String owner, String kind) {
        return jdbc.query("select " + COLUMNS + " from sweep where owner = ? and kind = ? order by id desc", this::row,
                owner, kind);
    }

    List<Long> running() {
        return jdbc.queryForList("select id from sweep where status = ? order by id", Long.class,
                SweepStatus.RUNNING.name());
    }

    /** The running sweep, locked for this transaction; empty if another node holds it or it has ended. */
    Optional<Row> lockRunning(long id) {
        return jdbc.query("select " + COLUMNS + " from sweep where id = ? and status = ? for update skip locked",
                this::row, id, SweepStatus.RUNNING.name()).stream().findFirst();
    }

    void created(long id, int trialsCreated) {
        jdbc.update("update sweep set trials_created = ?, updated_at = current_timestamp where id = ?", trialsCreated, id);
    }

    /**
     * Raises the sweep's trial limit, and sets it running again if it had ended. Each write is conditional on the
     * status just read, so a scheduler ending the sweep meanwhile makes it read and write again.
     */
    void extend(long id, int maxTrials) {
        for (boolean done = false; !done; ) {
            SweepStatus now = SweepStatus.valueOf(jdbc.queryForObject("select status from sweep where id = ?",
                    String.class, id));
            done = now == SweepStatus.RUNNING
                    ? jdbc.update("update sweep set max_trials = ?, updated_at = current_timestamp where id = ? and "
                            + "status = ?", maxTrials, id, now.name()) == 1
                    : transitions.move(id, now, SweepStatus.RUNNING).set("max_trials = ?, stop_reason = null", maxTrials)
                            .because("extended to " + maxTrials + " trials").apply();
        }
    }

    /** Ends a running sweep as {@code status}; false if it had ended already. */
    boolean finish(long id, SweepStatus status, String reason) {
        return transitions.move(id, SweepStatus.RUNNING, status).set("stop_reason = ?", reason).because(reason).apply();
    }

    private Row row(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp(15);
        return new Row(rs.getLong(1), rs.getObject(2).toString(), rs.getString(3), rs.getString(4),
                SweepStatus.valueOf(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                rs.getInt(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
                finished == null ? null : finished.toInstant(), rs.getString(16), rs.getString(17));
    }
}

package dev.trainyard.job;

import static dev.trainyard.system.QueueSql.SECONDS_FROM_NOW;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.metrics.EpochPoints;
import dev.trainyard.metrics.MetricStore;
import dev.trainyard.system.QueueSql;
import dev.trainyard.system.Transitions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database queue workers take jobs from. A claim is one {@code SELECT ... FOR UPDATE SKIP LOCKED} (on
 * PostgreSQL {@code FOR NO KEY UPDATE}: {@link QueueSql#claimLock}) of the oldest queued job by its integer key, so
 * two workers never get the same job. The claimer holds a lease that expires on the database clock unless heartbeats
 * renew it; every later write is fenced by (lease owner, attempt), so a worker whose lease was lost, and whose job was
 * claimed again, changes nothing. Every write a worker makes is here, so the fence can be checked in one place, and
 * every change of status goes through {@link JobTransitions}; that is why the class is longer than most.
 */
@Component
public class JobQueue {

    /** The fence of a write that changes no status. Values: id, status (RUNNING), lease owner, attempt. */
    private static final String FENCE = " where id = ? and status = ? and " + JobTransitions.LEASE;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final JobTransitions transitions;
    private final MetricStore metrics;
    private final ApplicationEventPublisher events;
    private final QueueSql sql;

    JobQueue(JdbcTemplate jdbc, JsonMapper json, JobTransitions transitions, MetricStore metrics,
            ApplicationEventPublisher events, QueueSql sql) {
        this.jdbc = jdbc;
        this.json = json;
        this.transitions = transitions;
        this.metrics = metrics;
        this.events = events;
        this.sql = sql;
    }

    /**
     * Takes a queued job that is not waiting out a retry backoff, for {@code leaseOwner} on {@code node}: of the
     * owner with the fewest running jobs (on every node: the count is the database's), then of highest priority,
     * then the oldest. Points recorded after its checkpoint (by an attempt that was lost) are dropped, as the resumed
     * run writes them.
     */
    @Transactional
    public Optional<ClaimedJob> claim(String leaseOwner, String node, Duration lease) {
        List<Long> ids = jdbc.queryForList("select j.id from job j left join (select owner, count(*) as running from "
                + "job where status = ? group by owner) r on r.owner = j.owner where j.status = ? and (j.not_before is "
                + "null or j.not_before <= current_timestamp) order by coalesce(r.running, 0), j.priority desc, j.id "
                + "fetch first 1 rows only " + sql.claimLockOf("j"), Long.class, JobStatus.RUNNING.name(),
                JobStatus.QUEUED.name());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.get(0);
        Stored stored = jdbc.queryForObject("select public_id, owner, coalesce(effective_spec, spec_json), attempt, "
                + "dataset_ref, updated_at, current_timestamp, learning_rate_search from job where id = ?",
                (rs, row) -> new Stored(rs.getObject(1).toString(), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), Duration.between(rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant()), rs.getString(8)), id);
        Checkpoint checkpoint = jdbc.query("select epoch, content from checkpoint where job_id = ?",
                rs -> rs.next() ? new Checkpoint(rs.getInt(1), rs.getBytes(2)) : null, id);
        int nextEpoch = checkpoint == null ? 0 : checkpoint.epoch() + 1;
        int attempt = stored.attempt() + 1;
        Checked<JobPlan> checked = JobSpecMapper.stored(stored.effectiveSpec(), json);
        if (!checked.valid()) {
            String message = "This server can no longer read the job's stored spec (" + checked.describe() + "). "
                    + "Submit the job again.";
            transitions.move(id, JobStatus.QUEUED, JobStatus.FAILED, attempt, node).set("attempt = ?", attempt)
                    .set("failure_code = ?, failure_message = ?", FailureCode.INTERNAL.name(), Transitions.clip(message))
                    .because(message).apply();
            return Optional.empty();
        }
        JobPlan plan = checked.value();
        transitions.move(id, JobStatus.QUEUED, JobStatus.RUNNING, attempt, node)
                .set("attempt = ?, lease_owner = ?, lease_until = " + SECONDS_FROM_NOW, attempt, leaseOwner,
                        seconds(lease))
                .set("node = ?, not_before = null, total_epochs = ?, epochs_done = ?, attempt_first_epoch = ?", node,
                        plan.training().epochs(), nextEpoch, nextEpoch)
                .set("attempt_started_at = current_timestamp, started_at = coalesce(started_at, current_timestamp)")
                .because(checkpoint == null ? null : "resumed from the checkpoint after epoch " + (checkpoint.epoch() + 1))
                .apply(); // the row is locked and queued, so the move cannot miss
        metrics.truncate(id, nextEpoch);
        Lease held = new Lease(id, stored.publicId(), leaseOwner, attempt);
        return Optional.of(new ClaimedJob(held, stored.owner(), stored.datasetRef(), plan.split(), plan.model(),
                plan.training(), checkpoint == null ? null : checkpoint.content(), nextEpoch, stored.waited(),
                plan.searchLearningRate(), JobPlan.searchedRate(stored.learningRateSearch(), json), plan.probes()));
    }

    /**
     * Keeps the range test that chose the learning rate of a job whose rate is "auto", before it trains: later
     * attempts resume with the same rate, and the job shows how it was chosen.
     */
    @Transactional
    public void searchedLearningRate(Lease lease, List<EpochPoints> pending, String searchJson) {
        recordEpochs(lease, pending);
        fenced(lease, "update job set learning_rate_search = ?, updated_at = current_timestamp", searchJson);
    }

    /**
     * Records the pending epochs and stores what a job measured at {@code epoch} (a decision boundary, the model at
     * that epoch), replacing what an earlier attempt stored for the same epoch.
     */
    @Transactional
    public void snapshot(Lease lease, List<EpochPoints> pending, String kind, int epoch, String body) {
        recordEpochs(lease, pending);
        fenced(lease, "update job set updated_at = updated_at");
        jdbc.update("delete from job_snapshot where job_id = ? and kind = ? and epoch = ?", lease.jobId(), kind, epoch);
        jdbc.update("insert into job_snapshot (job_id, kind, epoch, body, created_at) values (?, ?, ?, ?, "
                + "current_timestamp)", lease.jobId(), kind, epoch, body);
    }

    /**
     * Renews the leases still held and says, for each, what its run is to stop for: nothing (go on), the cancel or
     * prune stored on the job, or a lost lease (not renewed: give up).
     */
    @Transactional
    public Map<Lease, Optional<StopRequest>> heartbeat(Collection<Lease> leases, Duration lease) {
        Map<Lease, Optional<StopRequest>> signals = new HashMap<>();
        for (Lease held : leases) {
            int renewed = jdbc.update("update job set lease_until = " + SECONDS_FROM_NOW + FENCE, seconds(lease),
                    held.jobId(), JobStatus.RUNNING.name(), held.owner(), held.attempt());
            signals.put(held, Optional.ofNullable(renewed == 0 ? StopRequest.leaseLost() : jdbc.queryForObject(
                    "select stop_request, prune_reason from job where id = ?",
                    (rs, row) -> StopRequest.stored(rs.getString(1), rs.getString(2)), held.jobId())));
        }
        return signals;
    }

    /**
     * Asks the worker of a running job to stop for {@code request} (a cancel or a prune) at its next heartbeat. False
     * when the job is not running, or a stop was asked already: the first request stands.
     */
    boolean requestStop(long jobId, StopRequest request) {
        if (request.cause() != StopRequest.Cause.CANCEL && request.cause() != StopRequest.Cause.PRUNE) {
            throw new IllegalArgumentException("only cancels and prunes are stored on the job, not " + request.cause());
        }
        return jdbc.update("update job set stop_request = ?, prune_reason = ?, updated_at = current_timestamp "
                + "where id = ? and status = ? and stop_request is null", request.cause().name(),
                request.cause() == StopRequest.Cause.PRUNE ? request.reason() : null, jobId,
                JobStatus.RUNNING.name()) == 1;
    }

    /**
     * Appends epochs to the history and moves the progress on; one batch, one transaction. Epochs below the job's
     * progress are skipped: a worker whose connection died while committing cannot know whether the batch landed, so it
     * sends it again, and only what did not land is written.
     */
    @Transactional
    public void recordEpochs(Lease lease, List<EpochPoints> epochs) {
        if (epochs.isEmpty()) {
            return;
        }
        int done = jdbc.queryForObject("select epochs_done from job where id = ?", Integer.class, lease.jobId());
        List<EpochPoints> fresh = epochs.stream().filter(epoch -> epoch.epoch() >= done).toList();
        if (!fresh.isEmpty()) {
            fenced(lease, "update job set epochs_done = ?, updated_at = current_timestamp",
                    fresh.get(fresh.size() - 1).epoch() + 1);
            metrics.record(lease.jobId(), fresh);
            events.publishEvent(new JobProgressed(lease.jobId(), false));
        }
    }

    /** Records the pending epochs and replaces the job's checkpoint with the state after {@code epoch}. */
    @Transactional
    public void checkpoint(Lease lease, List<EpochPoints> pending, int epoch, byte[] state) {
        recordEpochs(lease, pending);
        fenced(lease, "update job set updated_at = updated_at"); // only checks the lease when no epoch was pending
        jdbc.update("delete from checkpoint where job_id = ?", lease.jobId());
        jdbc.update("insert into checkpoint (job_id, epoch, attempt, content, created_at) values (?, ?, ?, ?, "
                + "current_timestamp)", lease.jobId(), epoch, lease.attempt(), state);
    }

    @Transactional
    public void succeed(Lease lease, List<EpochPoints> pending, Success success) {
        recordEpochs(lease, pending);
        apply(lease, transitions.fenced(lease, JobStatus.SUCCEEDED)
                .set("stop_reason = ?, best_epoch = ?", success.stopReason(),
                        success.bestEpoch() < 0 ? null : success.bestEpoch())
                .set("test_metrics = ?, warnings = ?", success.test().isEmpty() ? null
                        : json.writeValueAsString(success.test()), warnings(lease, success.warnings()))
                .because(success.stopReason().toLowerCase()));
        jdbc.update("insert into model_artifact (job_id, document, encoding, created_at) values (?, ?, ?, "
                + "current_timestamp)", lease.jobId(), success.modelDocument(),
                json.writeValueAsString(success.encoding()));
        events.publishEvent(new JobProgressed(lease.jobId(), true));
    }

    @Transactional
    public void fail(Lease lease, List<EpochPoints> pending, FailureCode code, String message, List<String> warnings) {
        recordEpochs(lease, pending);
        apply(lease, transitions.fenced(lease, JobStatus.FAILED)
                .set("failure_code = ?, failure_message = ?", code.name(), Transitions.clip(message))
                .set("warnings = ?", warnings(lease, warnings)).because(code.name() + ": " + message));
        events.publishEvent(new JobProgressed(lease.jobId(), true));
    }

    /** The warnings submission stored on the job followed by the run's that it does not hold yet, as JSON. */
    private String warnings(Lease lease, List<String> run) {
        String stored = jdbc.queryForObject("select warnings from job where id = ?", String.class, lease.jobId());
        List<String> all = new ArrayList<>(stored == null ? List.of() : json.readValue(stored, STRINGS));
        run.stream().filter(warning -> !all.contains(warning)).forEach(all::add);
        return json.writeValueAsString(all);
    }

    /**
     * The run stopped at a step boundary for {@code request}, its history kept: a cancel ends it CANCELLED, a prune
     * PRUNED with the sweep's reason; a hand back (its node is shutting down) gives it back to the queue, and its next
     * claim resumes from its checkpoint. A run that lost its lease has nothing to report.
     */
    @Transactional
    public void stopped(Lease lease, List<EpochPoints> pending, StopRequest request) {
        JobStatus to = request.cause().outcome();
        if (to == null) {
            throw new IllegalArgumentException("a run that lost its lease reports nothing");
        }
        recordEpochs(lease, pending);
        apply(lease, transitions.fenced(lease, to).because(request.reason()));
        events.publishEvent(new JobProgressed(lease.jobId(), true));
    }

    /**
     * Re-queues running jobs whose lease expired (their node died or hung) with an exponential backoff, or fails them
     * with WORKER_LOST once they lost {@code maxRetries} leases; a job whose cancel was pending ends CANCELLED.
     */
    @Transactional
    public int requeueExpired(int maxRetries, Duration backoff) {
        List<Expired> expired = jdbc.query("select id, attempt, lost_leases, stop_request, prune_reason, node from job "
                + "where status = ? and lease_until < current_timestamp order by id " + sql.claimLock(),
                (rs, row) -> new Expired(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                        StopRequest.stored(rs.getString(4), rs.getString(5)), rs.getString(6)), JobStatus.RUNNING.name());
        for (Expired job : expired) {
            String lost = "the lease of node " + job.node() + " expired (attempt " + job.attempt() + ")";
            if (job.stop() != null) {
                expired(job, job.stop().cause().outcome()).because(lost).apply();
                events.publishEvent(new JobProgressed(job.id(), true));
            } else if (job.lostLeases() + 1 > maxRetries) {
                String message = "The worker training this job stopped answering " + (job.lostLeases() + 1) + " times "
                        + "(last on node " + job.node() + "). Check that node's memory and logs, then submit the job again.";
                expired(job, JobStatus.FAILED).set("lost_leases = lost_leases + 1")
                        .set("failure_code = ?, failure_message = ?", FailureCode.WORKER_LOST.name(), message)
                        .because(lost).apply();
                events.publishEvent(new JobProgressed(job.id(), true));
            } else {
                double wait = seconds(backoff) * Math.pow(2, job.lostLeases());
                expired(job, JobStatus.QUEUED).set("lost_leases = lost_leases + 1")
                        .set("not_before = " + SECONDS_FROM_NOW, wait)
                        .because(lost + "; retrying in " + Math.round(wait) + " s").apply();
            }
        }
        return expired.size();
    }

    /** A move of a job whose lease expired, fenced by the attempt that held it (the row is locked too). */
    private Transitions<JobStatus>.Move expired(Expired job, JobStatus to) {
        return transitions.move(job.id(), JobStatus.RUNNING, to, job.attempt(), null).where("attempt = ?", job.attempt());
    }

    /** Writes a worker's fenced move; once the job has ended, its checkpoint is no longer needed. */
    private void apply(Lease lease, Transitions<JobStatus>.Move move) {
        if (!move.apply()) {
            throw new LeaseLostException(lease);
        }
        if (move.to().finished()) {
            jdbc.update("delete from checkpoint where job_id = ?", lease.jobId());
        }
    }

    /** Runs an update that names the lease in its WHERE clause; none updated means the lease is gone. */
    private void fenced(Lease lease, String update, Object... values) {
        Object[] all = new Object[values.length + 4];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = lease.jobId();
        all[values.length + 1] = JobStatus.RUNNING.name();
        all[values.length + 2] = lease.owner();
        all[values.length + 3] = lease.attempt();
        if (jdbc.update(update + FENCE, all) == 0) {
            throw new LeaseLostException(lease);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** A queued job's row; {@code waited} runs from its last change (submitted or re-queued) to now, on the database clock. */
    private record Stored(String publicId, String owner, String effectiveSpec, int attempt, String datasetRef,
                          Duration waited, String learningRateSearch) {
    }

    private record Checkpoint(int epoch, byte[] content) {
    }

    private record Expired(long id, int attempt, int lostLeases, StopRequest stop, String node) {
    }
}

package dev.trainyard.job;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.metrics.EpochPoints;
import dev.trainyard.metrics.MetricStore;
import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.system.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database queue workers take jobs from. A claim is one {@code SELECT ... FOR UPDATE SKIP LOCKED} of the oldest
 * queued job by its integer key, so two workers never get the same job. The claimer holds a lease that expires on
 * the database clock unless heartbeats renew it; every later write is fenced by (lease owner, attempt), so a worker
 * whose lease was lost, and whose job was claimed again, changes nothing. Every write a worker makes is here, so the
 * fence can be checked in one place; that is why the class is longer than most.
 */
@Component
public class JobQueue {

    /** What a heartbeat tells the worker about one of its jobs. */
    public enum Signal {
        HELD, CANCEL_REQUESTED, LOST
    }

    /** A time some seconds (a parameter) after now on the database clock; the cast lets H2 type the parameter. */
    private static final String FROM_NOW = "current_timestamp + cast(? as double precision) * interval '1' second";
    private static final String FENCE = " where id = ? and lease_owner = ? and attempt = ? and status = 'RUNNING'";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Transitions transitions;
    private final MetricStore metrics;

    JobQueue(JdbcTemplate jdbc, JsonMapper json, Transitions transitions, MetricStore metrics) {
        this.jdbc = jdbc;
        this.json = json;
        this.transitions = transitions;
        this.metrics = metrics;
    }

    /**
     * Takes the oldest queued job that is not waiting out a retry backoff, for {@code leaseOwner} on {@code node}.
     * Points recorded after its checkpoint (by an attempt that was lost) are dropped, as the resumed run writes them.
     */
    @Transactional
    public Optional<ClaimedJob> claim(String leaseOwner, String node, Duration lease) {
        List<Long> ids = jdbc.queryForList("select id from job where status = 'QUEUED' and (not_before is null or "
                + "not_before <= current_timestamp) order by id fetch first 1 rows only for update skip locked", Long.class);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.get(0);
        Stored stored = jdbc.queryForObject("select public_id, owner, spec_json, attempt, dataset_ref, updated_at, "
                + "current_timestamp from job where id = ?", (rs, row) -> new Stored(rs.getObject(1).toString(),
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), Duration.between(
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant())), id);
        Checkpoint checkpoint = jdbc.query("select epoch, content from checkpoint where job_id = ?",
                rs -> rs.next() ? new Checkpoint(rs.getInt(1), rs.getBytes(2)) : null, id);
        int nextEpoch = checkpoint == null ? 0 : checkpoint.epoch() + 1;
        int attempt = stored.attempt() + 1;
        JobPlan plan;
        try {
            plan = JobSpecMapper.map(json.readValue(stored.specJson(), JobSpec.class));
        } catch (ApiException | InvalidSpecException | JacksonException stale) {
            String message = "This server can no longer read the job's stored spec (" + stale.getMessage() + "). "
                    + "Submit the job again.";
            jdbc.update("update job set status = 'FAILED', attempt = ?, failure_code = 'INTERNAL', failure_message = ?, "
                    + ENDED + " where id = ?", attempt, Transitions.clip(message), id);
            transitions.record(id, JobStatus.QUEUED, JobStatus.FAILED, attempt, node, message);
            return Optional.empty();
        }
        jdbc.update("update job set status = 'RUNNING', attempt = ?, lease_owner = ?, lease_until = " + FROM_NOW
                + ", node = ?, not_before = null, total_epochs = ?, epochs_done = ?, "
                + "attempt_first_epoch = ?, attempt_started_at = current_timestamp, started_at = coalesce(started_at, "
                + "current_timestamp), updated_at = current_timestamp where id = ?", attempt, leaseOwner,
                seconds(lease), node, plan.training().epochs(), nextEpoch, nextEpoch, id);
        metrics.truncate(id, nextEpoch);
        transitions.record(id, JobStatus.QUEUED, JobStatus.RUNNING, attempt, node,
                checkpoint == null ? null : "resumed from the checkpoint after epoch " + (checkpoint.epoch() + 1));
        Lease held = new Lease(id, stored.publicId(), leaseOwner, attempt);
        return Optional.of(new ClaimedJob(held, stored.owner(), stored.datasetRef(), plan.split(), plan.model(),
                plan.training(), checkpoint == null ? null : checkpoint.content(), nextEpoch, stored.waited()));
    }

    /** Renews the leases still held and says, for each, whether to go on, stop for a cancel, or give up. */
    @Transactional
    public Map<Lease, Signal> heartbeat(Collection<Lease> leases, Duration lease) {
        Map<Lease, Signal> signals = new HashMap<>();
        for (Lease held : leases) {
            int renewed = jdbc.update("update job set lease_until = " + FROM_NOW + FENCE,
                    seconds(lease), held.jobId(), held.owner(), held.attempt());
            boolean cancel = renewed == 1 && Boolean.TRUE.equals(jdbc.queryForObject(
                    "select cancel_requested from job where id = ?", Boolean.class, held.jobId()));
            signals.put(held, renewed == 0 ? Signal.LOST : cancel ? Signal.CANCEL_REQUESTED : Signal.HELD);
        }
        return signals;
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
        fenced(lease, "update job set status = 'SUCCEEDED', stop_reason = ?, best_epoch = ?, test_metrics = ?, "
                + "warnings = ?, " + ENDED, success.stopReason(), success.bestEpoch() < 0 ? null : success.bestEpoch(),
                success.test().isEmpty() ? null : json.writeValueAsString(success.test()),
                json.writeValueAsString(success.warnings()));
        jdbc.update("insert into model_artifact (job_id, document, created_at) values (?, ?, current_timestamp)",
                lease.jobId(), success.modelDocument());
        ended(lease, JobStatus.SUCCEEDED, success.stopReason().toLowerCase());
    }

    @Transactional
    public void fail(Lease lease, List<EpochPoints> pending, FailureCode code, String message, List<String> warnings) {
        recordEpochs(lease, pending);
        fenced(lease, "update job set status = 'FAILED', failure_code = ?, failure_message = ?, warnings = ?, " + ENDED,
                code.name(), Transitions.clip(message), json.writeValueAsString(warnings));
        ended(lease, JobStatus.FAILED, code.name() + ": " + message);
    }

    /**
     * The run stopped at a step boundary because its owner cancelled it, or its sweep pruned it; its history stays.
     */
    @Transactional
    public void cancelled(Lease lease, List<EpochPoints> pending) {
        recordEpochs(lease, pending);
        String pruned = jdbc.queryForObject("select prune_reason from job where id = ?", String.class, lease.jobId());
        JobStatus end = pruned == null ? JobStatus.CANCELLED : JobStatus.PRUNED;
        fenced(lease, "update job set status = '" + end.name() + "', " + ENDED);
        ended(lease, end, pruned == null ? "cancel requested" : pruned);
    }

    /** Gives a running job back to the queue (this node is shutting down); its next claim resumes from its checkpoint. */
    @Transactional
    public void handBack(Lease lease, List<EpochPoints> pending) {
        recordEpochs(lease, pending);
        fenced(lease, "update job set status = 'QUEUED', lease_owner = null, lease_until = null, "
                + "updated_at = current_timestamp");
        transitions.record(lease.jobId(), JobStatus.RUNNING, JobStatus.QUEUED, lease.attempt(), lease.owner(),
                "handed back: its node shut down");
    }

    /**
     * Re-queues running jobs whose lease expired (their node died or hung) with an exponential backoff, or fails them
     * with WORKER_LOST once they lost {@code maxRetries} leases; a job whose cancel was pending ends CANCELLED.
     */
    @Transactional
    public int requeueExpired(int maxRetries, Duration backoff) {
        List<Expired> expired = jdbc.query("select id, attempt, lost_leases, cancel_requested, node, prune_reason from job "
                + "where status = 'RUNNING' and lease_until < current_timestamp order by id for update skip locked",
                (rs, row) -> new Expired(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4), rs.getString(5),
                        rs.getString(6)));
        for (Expired job : expired) {
            String lost = "the lease of node " + job.node() + " expired (attempt " + job.attempt() + ")";
            if (job.cancelRequested()) {
                JobStatus end = job.pruneReason() == null ? JobStatus.CANCELLED : JobStatus.PRUNED;
                jdbc.update("update job set status = '" + end.name() + "', " + ENDED + " where id = ?", job.id());
                transitions.record(job.id(), JobStatus.RUNNING, end, job.attempt(), null, lost);
            } else if (job.lostLeases() + 1 > maxRetries) {
                String message = "The worker training this job stopped answering " + (job.lostLeases() + 1) + " times "
                        + "(last on node " + job.node() + "). Check that node's memory and logs, then submit the job again.";
                jdbc.update("update job set status = 'FAILED', failure_code = 'WORKER_LOST', failure_message = ?, "
                        + "lost_leases = lost_leases + 1, " + ENDED + " where id = ?", message, job.id());
                transitions.record(job.id(), JobStatus.RUNNING, JobStatus.FAILED, job.attempt(), null, lost);
            } else {
                double wait = seconds(backoff) * Math.pow(2, job.lostLeases());
                jdbc.update("update job set status = 'QUEUED', lost_leases = lost_leases + 1, lease_owner = null, "
                        + "lease_until = null, not_before = " + FROM_NOW + ", "
                        + "updated_at = current_timestamp where id = ?", wait, job.id());
                transitions.record(job.id(), JobStatus.RUNNING, JobStatus.QUEUED, job.attempt(), null,
                        lost + "; retrying in " + Math.round(wait) + " s");
            }
        }
        return expired.size();
    }

    private static final String ENDED = "finished_at = current_timestamp, updated_at = current_timestamp, "
            + "lease_owner = null, lease_until = null, cancel_requested = false";

    private void ended(Lease lease, JobStatus to, String reason) {
        jdbc.update("delete from checkpoint where job_id = ?", lease.jobId());
        transitions.record(lease.jobId(), JobStatus.RUNNING, to, lease.attempt(), lease.owner(), reason);
    }

    /** Runs an update that names the lease in its WHERE clause; none updated means the lease is gone. */
    private void fenced(Lease lease, String update, Object... values) {
        Object[] all = new Object[values.length + 3];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = lease.jobId();
        all[values.length + 1] = lease.owner();
        all[values.length + 2] = lease.attempt();
        if (jdbc.update(update + FENCE, all) == 0) {
            throw new LeaseLostException(lease);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** A queued job's row; {@code waited} runs from its last change (submitted or re-queued) to now, on the database clock. */
    private record Stored(String publicId, String owner, String specJson, int attempt, String datasetRef,
                          Duration waited) {
    }

    private record Checkpoint(int epoch, byte[] content) {
    }

    private record Expired(long id, int attempt, int lostLeases, boolean cancelRequested, String node,
                           String pruneReason) {
    }
}

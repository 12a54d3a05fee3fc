package dev.trainyard.job;

import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.trainyard.system.Transitions;

/**
 * The job table's transition path: every change of a job's status, recorded in job_transition with the attempt and
 * the node (or slot) that made it. A lease is held only while a job runs, so a move out of RUNNING drops it; a move
 * to a final status drops any pending stop request.
 */
@Component
class JobTransitions extends Transitions<JobStatus> {

    /** The fence of a worker's writes: the job is still held by this lease. Values: owner, attempt. */
    static final String LEASE = "lease_owner = ? and attempt = ?";

    JobTransitions(JdbcTemplate jdbc) {
        super(jdbc, "job", "job_transition", "job_id");
    }

    void submitted(long id) {
        created(id, JobStatus.QUEUED, "submitted", Map.of("attempt", 0));
    }

    /** A move of attempt {@code attempt}, made by {@code node} (null when no node in particular made it). */
    Move move(long id, JobStatus from, JobStatus to, int attempt, String node) {
        Move move = move(id, from, to).record("attempt", attempt).record("node", node);
        if (from == JobStatus.RUNNING) {
            move.set("lease_owner = null, lease_until = null");
        }
        return to.finished() ? move.set("stop_request = null") : move;
    }

    /** A move out of RUNNING by the holder of {@code lease}: written only while the lease holds. */
    Move fenced(Lease lease, JobStatus to) {
        return move(lease.jobId(), JobStatus.RUNNING, to, lease.attempt(), lease.owner())
                .where(LEASE, lease.owner(), lease.attempt());
    }
}

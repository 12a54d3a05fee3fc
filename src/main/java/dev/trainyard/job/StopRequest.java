package dev.trainyard.job;

/**
 * Why a running job is to stop before it has trained to its end, and the status the stop is reported as. A run acts
 * on one request: when several arrive, the one whose cause comes first in {@link Cause} wins (see {@link #or}).
 *
 * @param reason what the job's transition says (null for a lost lease, which records nothing)
 */
public record StopRequest(Cause cause, String reason) {

    /** The causes, strongest first. */
    public enum Cause {
        /** Another attempt may hold the job now: this run writes nothing more, whatever else was asked. */
        LEASE_LOST(null),
        /** Its owner cancelled it: it ends CANCELLED, its history kept. */
        CANCEL(JobStatus.CANCELLED),
        /** Its sweep judged it unpromising: it ends PRUNED with the sweep's reason. */
        PRUNE(JobStatus.PRUNED),
        /** Its node is shutting down: it goes back to the queue and its next attempt resumes from its checkpoint. */
        HAND_BACK(JobStatus.QUEUED);

        private final JobStatus outcome;

        Cause(JobStatus outcome) {
            this.outcome = outcome;
        }

        /** The status the stop is reported as; null for a lost lease. */
        JobStatus outcome() {
            return outcome;
        }
    }

    public static StopRequest leaseLost() {
        return new StopRequest(Cause.LEASE_LOST, null);
    }

    public static StopRequest cancel() {
        return new StopRequest(Cause.CANCEL, "cancel requested");
    }

    public static StopRequest prune(String reason) {
        return new StopRequest(Cause.PRUNE, reason);
    }

    public static StopRequest handBack() {
        return new StopRequest(Cause.HAND_BACK, "handed back: its node shut down");
    }

    /** The request stored on a job row (cancels and prunes are; the others are a node's own), or null. */
    static StopRequest stored(String cause, String pruneReason) {
        return cause == null ? null : Cause.valueOf(cause) == Cause.PRUNE ? prune(pruneReason) : cancel();
    }

    /** This request, unless {@code other}'s cause is stronger: once made, a request gives way only to a stronger one. */
    public StopRequest or(StopRequest other) {
        return other.cause.compareTo(cause) < 0 ? other : this;
    }
}

package dev.trainyard.job;

/** The job is no longer held by this lease: it expired and was re-queued, or the job ended. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(Lease lease) {
        super("job " + lease.jobPublicId() + " is no longer held by " + lease.owner() + " (attempt " + lease.attempt() + ")");
    }
}

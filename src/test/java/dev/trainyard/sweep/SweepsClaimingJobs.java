package dev.trainyard.sweep;

import dev.trainyard.job.JobQueue;

/** A sweep class that reaches past the job feature's typed API into its queue, for ArchitectureTest. */
public final class SweepsClaimingJobs {

    JobQueue queue;
}

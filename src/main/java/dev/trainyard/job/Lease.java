package dev.trainyard.job;

/**
 * A worker's hold on a running job. Every write the worker makes is fenced by (owner, attempt):
 * once the lease expires and the job is claimed again, the old holder can change nothing.
 */
public record Lease(long jobId, String jobPublicId, String owner, int attempt) {
}

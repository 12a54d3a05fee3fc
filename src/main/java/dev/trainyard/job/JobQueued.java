package dev.trainyard.job;

/** Published after a job is committed to the queue, so a worker on this node can claim it without waiting to poll. */
public record JobQueued(String jobId) {
}

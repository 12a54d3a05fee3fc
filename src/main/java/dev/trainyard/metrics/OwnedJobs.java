package dev.trainyard.metrics;

/**
 * How the metric endpoints find the job a request names, without depending on the job feature (which depends on this
 * one to write histories): the job feature implements it.
 */
public interface OwnedJobs {

    /** The owner's job {@code jobId}; a 404 problem when it is not theirs or does not exist. */
    OwnedJob find(String owner, String jobId);

    /**
     * A job as the metric endpoints show it: its key, public id, name, status (lower case) and the gradient steps of
     * one of its epochs (null for a job submitted before they were kept).
     */
    record OwnedJob(long key, String id, String name, String status, Integer stepsPerEpoch) {
    }
}

package dev.trainyard.dataset;

/** Tells whether work that is still to run needs a dataset; the job feature answers, so a dataset in use is not deleted. */
public interface DatasetUsage {

    /** How many of the owner's queued or running jobs train on the dataset. */
    long activeJobs(String owner, String datasetId);
}

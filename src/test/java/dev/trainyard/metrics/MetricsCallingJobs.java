package dev.trainyard.metrics;

import dev.trainyard.job.JobsCallingBack;

/** Breaks the metrics rule on purpose, for ArchitectureTest: metrics that reach into the job feature. */
public final class MetricsCallingJobs {

    JobsCallingBack jobs;
}

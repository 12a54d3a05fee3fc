package dev.trainyard.job;

import dev.trainyard.metrics.MetricsCallingJobs;

/** With {@link MetricsCallingJobs}, a cycle between two features, for ArchitectureTest. */
public final class JobsCallingBack {

    MetricsCallingJobs metrics;
}

package dev.trainyard.job;

import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.metrics.OwnedJobs;

/** The jobs the metric endpoints may show: a user's own, found as every job endpoint finds them. */
@Component
class JobDirectory implements OwnedJobs {

    private final JobService jobs;

    JobDirectory(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    @Transactional(readOnly = true)
    public OwnedJob find(String owner, String jobId) {
        TrainingJob job = jobs.find(owner, jobId);
        return new OwnedJob(job.id(), job.publicId().toString(), job.name(), job.status().name().toLowerCase(Locale.ROOT),
                job.stepsPerEpoch());
    }
}

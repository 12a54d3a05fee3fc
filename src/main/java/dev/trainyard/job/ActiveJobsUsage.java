package dev.trainyard.job;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.trainyard.dataset.DatasetUsage;

/** Counts the queued and running jobs that train on a dataset. */
@Component
class ActiveJobsUsage implements DatasetUsage {

    private final JdbcTemplate jdbc;

    ActiveJobsUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long activeJobs(String owner, String datasetId) {
        return jdbc.queryForObject("select count(*) from job where owner = ? and dataset_ref = ? and status in (?, ?)",
                Long.class, owner, datasetId, JobStatus.QUEUED.name(), JobStatus.RUNNING.name());
    }
}

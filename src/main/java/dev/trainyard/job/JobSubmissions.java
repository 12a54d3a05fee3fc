package dev.trainyard.job;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.metrics.JobMetrics;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.JsonProblems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job submission for other features (sweeps). A spec comes in as the document its user wrote (a sweep builds each
 * trial's from its template); it is checked exactly as POST /api/v1/jobs checks it, and what comes back is typed: a
 * {@link PlannedJob} or its problems, trials with their {@link JobStatus}.
 */
@Component
public class JobSubmissions {

    private final JobService jobs;
    private final JobRepository repository;
    private final JobMetrics metrics;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    JobSubmissions(JobService jobs, JobRepository repository, JobMetrics metrics, JdbcTemplate jdbc, JsonMapper json) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.repository = repository;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Checks a spec against the owner's datasets and the limits without queueing it; an ApiException names the
     * invalid fields relative to the spec, under {@code prefix}.
     */
    @Transactional
    public void check(String owner, JsonNode spec, String prefix) {
        jobs.check(owner, read(spec, prefix), prefix);
    }

    /**
     * Checks a spec and fills in its defaults, once: the planned job is what the trial will run, however long it
     * waits to be queued. Otherwise its problems, by field relative to the spec.
     */
    @Transactional
    public Checked<PlannedJob> plan(String owner, JsonNode spec) {
        try {
            return jobs.plan(owner, read(spec, ""));
        } catch (ApiException unreadable) {
            return Checked.invalid(JobService.problems(unreadable));
        }
    }

    /**
     * Checks a spec and fills in its defaults for work that trains from it without queueing a job (a range test);
     * an ApiException names the invalid fields under {@code prefix}.
     */
    @Transactional
    public PlannedJob accept(String owner, JsonNode spec, String prefix) {
        JobSpec sent = read(spec, prefix);
        return PlannedJob.of(sent, jobs.check(owner, sent, prefix));
    }

    /** What a planned job trains, as the engine takes it. */
    public record Specs(String datasetId, SplitSpec split, ModelSpec model, TrainingSpec training) {
    }

    /** The specs of a planned job's effective spec; it was checked when planned, so a failure here is a bug. */
    public Specs specs(String effectiveSpec) {
        Checked<JobPlan> plan = JobSpecMapper.stored(effectiveSpec, json);
        if (!plan.valid()) {
            throw new IllegalStateException("a planned spec this server cannot read: " + plan.describe());
        }
        JobPlan p = plan.value();
        return new Specs(p.datasetId(), p.split(), p.model(), p.training());
    }

    /**
     * Queues trial {@code index} of a sweep as it was planned; the value is the new job's id, empty when the trial
     * exists already. Problems when it cannot be queued (its dataset was deleted since it was planned).
     */
    @Transactional
    public Checked<Optional<String>> submitTrial(String owner, PlannedJob trial, String sweepRef, int index) {
        return jobs.submitTrial(owner, trial, sweepRef, index);
    }

    /** A sweep's trials in index order, each with its best value of {@code metric} (highest when maximizing). */
    @Transactional(readOnly = true)
    public List<Trial> trials(String sweepRef, String metric, boolean maximize) {
        return repository.findBySweepRefOrderByTrialIndex(sweepRef).stream().map(job -> {
            JobMetrics.Extreme best = metrics.best(job.id(), metric, maximize);
            return new Trial(job.publicId().toString(), job.trialIndex(), job.status(),
                    job.startedAt(), job.finishedAt(), best == null ? null : best.value(),
                    best == null ? null : best.step());
        }).toList();
    }

    /**
     * Cancels one of the owner's jobs as POST /api/v1/jobs/{id}/cancel does; false, and nothing changed, when it has
     * ended, is stopping already, or is gone.
     */
    @Transactional
    public boolean cancel(String owner, String jobId) {
        return jobs.cancelTrial(owner, jobId);
    }

    /**
     * Asks a running trial to stop because its sweep judged it unpromising; it ends PRUNED with {@code reason}, its
     * history kept. False if the job is not running (it ended, or was never started) or is stopping already.
     */
    @Transactional
    public boolean prune(String jobId, String reason) {
        return jobs.prune(jobId, reason);
    }

    /** One metric of a job by epoch, with when each point was written (epoch milliseconds). */
    public record History(double[] values, long[] writtenAt) {
    }

    /** The job's history of {@code metric}, every epoch in order. */
    @Transactional(readOnly = true)
    public History history(String jobId, String metric) {
        List<double[]> rows = jdbc.query("select p.metric_value, p.recorded_at from metric_point p join job j on "
                + "j.id = p.job_id where j.public_id = ? and p.name = ? order by p.step", (rs, row) -> new double[] {
                        rs.getDouble(1), rs.getTimestamp(2).getTime()}, UUID.fromString(jobId), metric);
        return new History(rows.stream().mapToDouble(row -> row[0]).toArray(),
                rows.stream().mapToLong(row -> (long) row[1]).toArray());
    }

    private JobSpec read(JsonNode spec, String prefix) {
        try {
            return json.treeToValue(spec, JobSpec.class);
        } catch (JacksonException unreadable) {
            throw JsonProblems.of(unreadable, prefix);
        }
    }
}

package dev.trainyard.job;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.system.ApiException;
import dev.trainyard.system.JsonProblems;
import dev.trainyard.system.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Job submission for other features (sweeps): specs as JSON trees, checked exactly as POST /api/v1/jobs checks them. */
@Component
public class JobSubmissions {

    private final JobService jobs;
    private final JobRepository repository;
    private final JobMetrics metrics;
    private final JsonMapper json;

    JobSubmissions(JobService jobs, JobRepository repository, JobMetrics metrics, JsonMapper json) {
        this.jobs = jobs;
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

    /** Queues trial {@code index} of a sweep; empty when it exists already. The spec must have passed {@link #check}. */
    @Transactional
    public Optional<String> submitTrial(String owner, JsonNode spec, String sweepRef, int index) {
        return jobs.submitTrial(owner, read(spec, ""), sweepRef, index);
    }

    /** A sweep's trials in index order, each with its best value of {@code metric} (highest when maximizing). */
    @Transactional(readOnly = true)
    public List<Trial> trials(String sweepRef, String metric, boolean maximize) {
        return repository.findBySweepRefOrderByTrialIndex(sweepRef).stream().map(job -> {
            JobMetrics.Extreme best = metrics.best(job.id(), metric, maximize);
            return new Trial(job.publicId().toString(), job.trialIndex(), job.status().name().toLowerCase(Locale.ROOT),
                    job.startedAt(), job.finishedAt(), best == null ? null : best.value(),
                    best == null ? null : best.step());
        }).toList();
    }

    /** Cancels one of the owner's jobs as POST /api/v1/jobs/{id}/cancel does; a job that has ended is left as it is. */
    @Transactional
    public void cancel(String owner, String jobId) {
        try {
            jobs.cancel(owner, jobId);
        } catch (ApiException ended) {
            if (ended.kind() != ProblemType.CONFLICT) {
                throw ended;
            }
        }
    }

    private JobSpec read(JsonNode spec, String prefix) {
        try {
            return json.treeToValue(spec, JobSpec.class);
        } catch (JacksonException unreadable) {
            throw JsonProblems.of(unreadable, prefix);
        }
    }
}

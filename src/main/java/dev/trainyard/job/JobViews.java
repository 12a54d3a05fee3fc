package dev.trainyard.job;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import dev.trainyard.metrics.JobMetrics;

/** Turns a job row (and, for a single job, its history) into what the API shows. */
@Component
class JobViews {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JobMetrics metrics;
    private final JsonMapper json;
    private final JdbcTemplate jdbc;

    JobViews(JobMetrics metrics, JsonMapper json, JdbcTemplate jdbc) {
        this.metrics = metrics;
        this.json = json;
        this.jdbc = jdbc;
    }

    /** The job with its latest and best epochs. */
    JobResponse detailed(TrainingJob job) {
        return view(job, true);
    }

    /** The job without its metrics, for lists. */
    JobResponse brief(TrainingJob job) {
        return view(job, false);
    }

    private JobResponse view(TrainingJob job, boolean withMetrics) {
        return new JobResponse(job.publicId().toString(), job.name(), lower(job.status().name()), phase(job),
                job.datasetRef(), job.specHash(), job.sweepRef(), job.trialIndex(), derivedFrom(job), progress(job), withMetrics ? latest(job) : null,
                withMetrics ? best(job) : null, lower(job.stopReason()),
                job.failureCode() == null ? null : new JobResponse.Failure(lower(job.failureCode()), job.failureMessage()),
                job.warnings() == null ? null : json.readValue(job.warnings(), STRINGS), job.stepsPerEpoch(),
                withMetrics ? findings(job) : null,
                job.testMetrics() == null ? null : json.readTree(job.testMetrics()), job.attempt(), job.node(),
                job.createdAt(), job.startedAt(), job.finishedAt(), job.updatedAt(), json.readTree(job.specJson()),
                job.effectiveSpec() == null ? null : json.readTree(job.effectiveSpec()),
                withMetrics && job.learningRateSearch() != null ? json.readTree(job.learningRateSearch()) : null);
    }

    /** The job's active diagnostics findings by severity (the diagnostics feature keeps them in job_finding). */
    private Map<String, Integer> findings(TrainingJob job) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String severity : List.of("info", "warning", "critical")) {
            counts.put(severity, 0);
        }
        jdbc.query("select severity, count(*) from job_finding where job_id = ? and active group by severity",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, job.id());
        return counts;
    }

    private JobResponse.DerivedFrom derivedFrom(TrainingJob job) {
        if (job.derivedPatch() == null) {
            return null;
        }
        return new JobResponse.DerivedFrom(job.derivedFromPublicId() == null ? null : job.derivedFromPublicId().toString(),
                json.readTree(job.derivedPatch()));
    }

    static String phase(TrainingJob job) {
        return switch (job.status()) {
            case QUEUED -> job.lostLeases() > 0 && job.attempt() > 0 && job.notBefore() != null ? "backing_off" : "waiting";
            case RUNNING -> job.stopRequest() != null ? "cancelling"
                    : job.epochsDone() == job.attemptFirstEpoch() ? "preparing" : "training";
            default -> "finished";
        };
    }

    private static JobResponse.Progress progress(TrainingJob job) {
        if (job.attempt() == 0 || job.totalEpochs() == 0) {
            return null;
        }
        int done = job.epochsDone() - job.attemptFirstEpoch();
        Double eta = null;
        if (job.status() == JobStatus.RUNNING && done > 0 && job.attemptStartedAt() != null) {
            double seconds = Duration.between(job.attemptStartedAt(), job.updatedAt()).toNanos() / 1e9;
            eta = Math.max(0, seconds / done * (job.totalEpochs() - job.epochsDone()));
        }
        return new JobResponse.Progress(job.epochsDone(), job.totalEpochs(),
                (double) job.epochsDone() / job.totalEpochs(), eta);
    }

    private JobResponse.EpochValues latest(TrainingJob job) {
        return epoch(job, job.epochsDone() - 1);
    }

    private JobResponse.EpochValues best(TrainingJob job) {
        if (job.attempt() == 0) {
            return null;
        }
        if (job.bestEpoch() != null) {
            return epoch(job, job.bestEpoch());
        }
        int step = metrics.argmin(job.id(), "val_loss");
        return epoch(job, step >= 0 ? step : metrics.argmin(job.id(), "train_loss"));
    }

    private JobResponse.EpochValues epoch(TrainingJob job, int step) {
        if (step < 0) {
            return null;
        }
        Map<String, Double> values = metrics.at(job.id(), step);
        return values.isEmpty() ? null : new JobResponse.EpochValues(step, values);
    }

    /**
     * A validator that changes whenever anything shown changes: every write moves updated_at, and the one change no
     * write of this job makes (the job it was derived from deleted, its id cleared by the database) is marked apart.
     */
    static String etag(TrainingJob job) {
        Instant at = job.updatedAt();
        String origin = job.derivedPatch() != null && job.derivedFromPublicId() == null ? "-origin-deleted" : "";
        return "\"" + job.publicId() + "-" + at.getEpochSecond() + "." + at.getNano() + "-" + job.status() + origin
                + "\"";
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}

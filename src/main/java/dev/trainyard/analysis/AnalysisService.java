package dev.trainyard.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.trainyard.engine.diagnose.TrainedHessian;
import dev.trainyard.engine.spec.LearningRateSearch;
import dev.trainyard.job.JobSnapshots;
import dev.trainyard.job.JobSubmissions;
import dev.trainyard.job.PlannedJob;
import dev.trainyard.job.RunRecords;
import dev.trainyard.job.TrainedModels;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import tools.jackson.databind.json.JsonMapper;

/** Queues, shows, lists and cancels the owner's analyses; every request is checked against the limits first. */
@Service
class AnalysisService {

    static final List<String> TYPES = List.of("hessian", "landscape");
    static final String RANGE_TEST = "lr-range";

    private final RunRecords runs;
    private final JobSubmissions submissions;
    private final TrainedModels models;
    private final JobSnapshots snapshots;
    private final AnalysisStore store;
    private final AnalysisProperties limits;
    private final JsonMapper json;

    AnalysisService(RunRecords runs, JobSubmissions submissions, TrainedModels models, JobSnapshots snapshots,
            AnalysisStore store, AnalysisProperties limits, JsonMapper json) {
        this.runs = runs;
        this.submissions = submissions;
        this.models = models;
        this.snapshots = snapshots;
        this.store = store;
        this.limits = limits;
        this.json = json;
    }

    AnalysisResponse submit(String owner, String jobId, AnalysisRequest request) {
        RunRecords.Run run = runs.find(owner, jobId);
        List<FieldProblem> problems = check(request);
        if (!problems.isEmpty()) {
            throw ApiException.invalid("the analysis", problems);
        }
        String document = request.epoch() != null ? snapshot(run, request.epoch()) : trained(run);
        int parameters = TrainedHessian.parameters(document);
        if (parameters > limits.maxParameters()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The model has " + parameters + " parameters; "
                    + "analyses take at most trainyard.analyses.max-parameters = " + limits.maxParameters() + ".");
        }
        String id = store.insert(owner, run.key(), request.type(), json.writeValueAsString(request), null);
        return get(owner, id);
    }

    /**
     * Queues a learning-rate range test of a template, checked as POST /api/v1/jobs checks a spec (its problems named
     * under {@code template.}) and its range against the limits, all problems in one answer.
     */
    AnalysisResponse submit(String owner, RangeTestRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        double min = request.minLrOrDefault();
        double max = request.maxLrOrDefault();
        if (!(min > 0) || !Double.isFinite(min)) {
            problems.add(new FieldProblem("minLr", "must be above 0, was " + min));
        }
        if (!(max > min) || !(max <= limits.maxRangeLr())) {
            problems.add(new FieldProblem("maxLr", "must be above minLr (" + min + ") and at most "
                    + limits.maxRangeLr() + " (trainyard.analyses.max-range-lr), was " + max));
        }
        range(problems, "steps", request.steps(), LearningRateSearch.MIN_STEPS, limits.maxRangeSteps(),
                "trainyard.analyses.max-range-steps");
        PlannedJob planned = null;
        if (request.template() == null || !request.template().isObject()) {
            problems.add(new FieldProblem("template", "must be a job spec object, as POST /api/v1/jobs takes it"));
        } else {
            try {
                planned = submissions.accept(owner, request.template(), "template.");
            } catch (ApiException invalid) {
                if (invalid.fieldProblems().isEmpty()) {
                    throw invalid;
                }
                problems.addAll(invalid.fieldProblems());
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("the range test", problems);
        }
        String id = store.insert(owner, null, RANGE_TEST, json.writeValueAsString(request), planned.effectiveSpec());
        return get(owner, id);
    }

    /** The owner's range tests, newest first. */
    List<AnalysisResponse> rangeTests(String owner) {
        return store.ofType(owner, RANGE_TEST, limits.listed()).stream().map(this::view).toList();
    }

    /** The model of a succeeded job; a 409 otherwise. */
    private String trained(RunRecords.Run run) {
        if (!"succeeded".equals(run.status())) {
            throw ApiException.conflict("Job " + run.id() + " is " + run.status() + "; an analysis needs the model of a "
                    + "succeeded job, or of an epoch it stored (epoch, with training.snapshots.modelEvery). Wait for it "
                    + "to succeed, or analyse another.");
        }
        return models.document(run.key()).orElseThrow(() -> ApiException.conflict("Job " + run.id()
                + " succeeded but kept no model; train it again to analyse it.")).model();
    }

    /** The model a job stored after {@code epoch}; a 409 naming the epochs it has otherwise. */
    private String snapshot(RunRecords.Run run, int epoch) {
        return snapshots.body(run.key(), JobSnapshots.MODEL, epoch).orElseThrow(() -> {
            List<Integer> epochs = snapshots.epochs(run.key(), JobSnapshots.MODEL);
            return ApiException.conflict("Job " + run.id() + " stored no model after epoch " + epoch
                    + (epochs.isEmpty() ? "; a job stores them when its spec sets training.snapshots.modelEvery."
                    : "; it has them after epochs " + epochs + "."));
        });
    }

    private List<FieldProblem> check(AnalysisRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.type() == null || !TYPES.contains(r.type())) {
            problems.add(new FieldProblem("type", "must be one of " + TYPES + ", was " + r.type()));
        }
        range(problems, "topK", r.topK(), 1, limits.maxEigenvalues(), "trainyard.analyses.max-eigenvalues");
        range(problems, "bottomK", r.bottomK(), 0, limits.maxEigenvalues(), "trainyard.analyses.max-eigenvalues");
        range(problems, "samples", r.samples(), 1, limits.maxSamples(), "trainyard.analyses.max-samples");
        range(problems, "steps", r.steps(), 1, limits.maxSteps(), "trainyard.analyses.max-steps");
        range(problems, "traceSamples", r.traceSamples(), 1, limits.maxTraceSamples(),
                "trainyard.analyses.max-trace-samples");
        range(problems, "densityRuns", r.densityRuns(), 1, limits.maxDensityRuns(), "trainyard.analyses.max-density-runs");
        range(problems, "points", r.points(), 3, limits.maxLandscapePoints(), "trainyard.analyses.max-landscape-points");
        range(problems, "grid", r.grid(), 3, limits.maxLandscapeGrid(), "trainyard.analyses.max-landscape-grid");
        if (r.span() != null && !(r.span() > 0 && r.span() <= 10)) {
            problems.add(new FieldProblem("span", "must be above 0 and at most 10, was " + r.span()));
        }
        return problems;
    }

    private static void range(List<FieldProblem> problems, String field, Integer value, int min, int max, String limit) {
        if (value != null && (value < min || value > max)) {
            problems.add(new FieldProblem(field, "must be from " + min + " to " + max + " (" + limit + "), was " + value));
        }
    }

    AnalysisResponse get(String owner, String id) {
        return view(row(owner, id));
    }

    /** The owner's analysis {@code id} if it is of {@code type}; a 404 otherwise. */
    AnalysisResponse get(String owner, String id, String type) {
        return view(row(owner, id, type));
    }

    private AnalysisStore.Row row(String owner, String id, String type) {
        AnalysisStore.Row row = row(owner, id);
        if (!row.type().equals(type)) {
            throw ApiException.notFound(type.equals(RANGE_TEST) ? "range test" : "analysis", id);
        }
        return row;
    }

    List<AnalysisResponse> ofJob(String owner, String jobId) {
        return store.ofJob(owner, runs.find(owner, jobId).key()).stream().map(this::view).toList();
    }

    AnalysisResponse cancel(String owner, String id) {
        return cancel(row(owner, id));
    }

    /** Cancels the owner's analysis {@code id} if it is of {@code type}; a 404 otherwise. */
    AnalysisResponse cancel(String owner, String id, String type) {
        return cancel(row(owner, id, type));
    }

    private AnalysisResponse cancel(AnalysisStore.Row row) {
        if (!store.cancel(row.key())) {
            throw ApiException.conflict("Analysis " + row.id() + " is " + row.status() + "; only a queued or running "
                    + "one can be cancelled.");
        }
        return get(row.owner(), row.id());
    }

    private AnalysisStore.Row row(String owner, String id) {
        UUID key;
        try {
            key = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw ApiException.notFound("analysis", id);
        }
        return store.find(owner, key).orElseThrow(() -> ApiException.notFound("analysis", id));
    }

    private AnalysisResponse view(AnalysisStore.Row row) {
        return new AnalysisResponse(row.id(), row.jobId(), row.type(), row.status(), row.progress(),
                json.readTree(row.request()), row.result() == null ? null : json.readTree(row.result()), row.error(),
                row.attempt(), row.createdAt(), row.startedAt(), row.finishedAt());
    }
}

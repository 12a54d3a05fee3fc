package dev.trainyard.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.trainyard.engine.diagnose.TrainedHessian;
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

    private final RunRecords runs;
    private final TrainedModels models;
    private final AnalysisStore store;
    private final AnalysisProperties limits;
    private final JsonMapper json;

    AnalysisService(RunRecords runs, TrainedModels models, AnalysisStore store, AnalysisProperties limits,
            JsonMapper json) {
        this.runs = runs;
        this.models = models;
        this.store = store;
        this.limits = limits;
        this.json = json;
    }

    AnalysisResponse submit(String owner, String jobId, AnalysisRequest request) {
        RunRecords.Run run = runs.find(owner, jobId);
        List<FieldProblem> problems = check(request);
        if (!problems.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "Field '" + problems.get(0).field() + "': "
                    + problems.get(0).message() + ".", problems);
        }
        if (!"succeeded".equals(run.status())) {
            throw ApiException.conflict("Job " + jobId + " is " + run.status() + "; an analysis needs the model of a "
                    + "succeeded job. Wait for it to succeed, or analyse another.");
        }
        String document = models.document(run.key()).orElseThrow(() -> ApiException.conflict("Job " + jobId
                + " succeeded but kept no model; train it again to analyse it.")).model();
        int parameters = TrainedHessian.parameters(document);
        if (parameters > limits.maxParameters()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The model has " + parameters + " parameters; "
                    + "analyses take at most trainyard.analyses.max-parameters = " + limits.maxParameters() + ".");
        }
        String id = store.insert(owner, run.key(), request.type(), json.writeValueAsString(request));
        return get(owner, id);
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

    List<AnalysisResponse> ofJob(String owner, String jobId) {
        return store.ofJob(owner, runs.find(owner, jobId).key()).stream().map(this::view).toList();
    }

    AnalysisResponse cancel(String owner, String id) {
        AnalysisStore.Row row = row(owner, id);
        if (!store.cancel(row.key())) {
            throw ApiException.conflict("Analysis " + id + " is " + row.status() + "; only a queued or running one can "
                    + "be cancelled.");
        }
        return get(owner, id);
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

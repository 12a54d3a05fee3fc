package dev.trainyard.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.job.JobStatus;
import dev.trainyard.job.JobSubmissions;
import dev.trainyard.job.Trial;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creates sweeps, shows them with their trials, and cancels them. */
@Service
class SweepService {

    private final SweepPlanner planner;
    private final SweepStore store;
    private final SweepScheduler scheduler;
    private final JobSubmissions jobs;
    private final JsonMapper json;
    private final SweepProperties properties;
    private final Clock clock;

    SweepService(SweepPlanner planner, SweepStore store, SweepScheduler scheduler, JobSubmissions jobs, JsonMapper json,
            SweepProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.planner = planner;
        this.store = store;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.json = json;
    }

    /** Checks the whole sweep, stores it and queues its first trials at once. */
    SweepResponse create(String owner, SweepRequest request) {
        return create(owner, request, SweepStore.SWEEP, null);
    }

    /** {@link #create(String, SweepRequest)} for a sweep of {@code kind}, built from {@code kindRequest}. */
    SweepResponse create(String owner, SweepRequest request, String kind, String kindRequest) {
        String id = store.insert(owner, json.writeValueAsString(request), planner.plan(owner, request), kind,
                kindRequest);
        scheduler.advance(row(owner, id).id());
        return get(owner, id, "index");
    }

    @Transactional(readOnly = true)
    SweepResponse get(String owner, String id, String sort) {
        return view(row(owner, id), true, sort);
    }

    @Transactional(readOnly = true)
    List<SweepResponse> list(String owner) {
        return store.list(owner).stream().map(sweep -> view(sweep, false, "index")).toList();
    }

    /** The owner's sweep of {@code kind} with its trials, and the request it was built from; empty if none. */
    @Transactional(readOnly = true)
    Optional<Sweeps.Kept> find(String owner, String id, String kind) {
        return store.find(owner, id).filter(sweep -> sweep.kind().equals(kind))
                .map(sweep -> new Sweeps.Kept(view(sweep, true, "index"), sweep.kindRequest()));
    }

    /** The owner's sweeps of {@code kind}, newest first, without their trials. */
    @Transactional(readOnly = true)
    List<Sweeps.Kept> list(String owner, String kind) {
        return store.list(owner, kind).stream()
                .map(sweep -> new Sweeps.Kept(view(sweep, false, "index"), sweep.kindRequest())).toList();
    }

    /**
     * Stops the sweep: no new trials; queued ones are cancelled, running ones stop at their next step, history kept.
     * Each trial is cancelled in its own transaction, as its owner would, after the sweep has stopped queueing.
     */
    SweepResponse cancel(String owner, String id) {
        SweepStore.Row sweep = row(owner, id);
        if (store.finish(sweep.id(), SweepStatus.CANCELLED, "cancelled by its owner")) {
            jobs.trials(sweep.publicId(), sweep.metric(), sweep.maximize()).stream().filter(Trial::active)
                    .forEach(trial -> jobs.cancel(owner, trial.jobId()));
        }
        return get(owner, id, "index");
    }

    /** Allows {@code more} trials beyond the sweep's limit and sets it running again (an ended sweep too). */
    SweepResponse extend(String owner, String id, int more) {
        SweepStore.Row sweep = row(owner, id);
        SweepPlan plan = planner.stored(sweep);
        long ceiling = plan.grid() ? Math.min(plan.space().gridSize(), properties.maxTrials()) : properties.maxTrials();
        if (more < 1 || sweep.maxTrials() + more > ceiling) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The sweep has " + sweep.maxTrials() + " trials and "
                    + "may have at most " + ceiling + (plan.grid() ? " (its grid's size, within trainyard.sweeps.max-trials)"
                    : " (trainyard.sweeps.max-trials)") + "; ask for 1 to " + (ceiling - sweep.maxTrials()) + " more.",
                    List.of(new FieldProblem("trials", "must be between 1 and " + (ceiling - sweep.maxTrials()))));
        }
        store.extend(sweep.id(), sweep.maxTrials() + more);
        scheduler.advance(sweep.id());
        return get(owner, id, "index");
    }

    private SweepStore.Row row(String owner, String id) {
        return store.find(owner, id).orElseThrow(() -> ApiException.notFound("sweep", id));
    }

    private SweepResponse view(SweepStore.Row sweep, boolean withTrials, String sort) {
        return view(sweep, planner.stored(sweep), withTrials, sort);
    }

    private SweepResponse view(SweepStore.Row sweep, SweepPlan plan, boolean withTrials, String sort) {
        Instant now = clock.instant();
        List<SweepResponse.TrialRow> rows = jobs.trials(sweep.publicId(), sweep.metric(), sweep.maximize()).stream()
                .map(trial -> row(plan, trial, trial.status() == JobStatus.QUEUED ? null
                        : jobs.history(trial.jobId(), sweep.metric()), now)).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            counts.put(status.label(), rows.stream().filter(row -> row.status().equals(status.label())).count());
        }
        Comparator<SweepResponse.TrialRow> better = objectiveOrder(sweep.maximize());
        SweepResponse.TrialRow best = rows.stream().filter(row -> row.objective() != null).min(better).orElse(null);
        List<SweepResponse.TrialRow> table = sort.equals("objective") ? rows.stream().sorted(better).toList() : rows;
        return new SweepResponse(sweep.publicId(), sweep.name(), sweep.kind(), sweep.status().name().toLowerCase(),
                sweep.stopReason(), plan.grid() ? "grid" : "random", sweep.metric(),
                sweep.maximize() ? "maximize" : "minimize", sweep.maxTrials(), sweep.maxParallel(), sweep.maxFailed(),
                sweep.trialsCreated(), counts, best, withTrials ? table : null, sweep.createdAt(), sweep.finishedAt());
    }

    /** Best objective first; trials without one last, in index order. */
    static Comparator<SweepResponse.TrialRow> objectiveOrder(boolean maximize) {
        Comparator<Double> values = maximize ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(SweepResponse.TrialRow::objective, Comparator.nullsLast(values))
                .thenComparingInt(SweepResponse.TrialRow::index);
    }

    private static SweepResponse.TrialRow row(SweepPlan plan, Trial trial, JobSubmissions.History history,
            Instant now) {
        Instant end = trial.finishedAt() != null ? trial.finishedAt() : now;
        Double seconds = trial.startedAt() == null ? null : Duration.between(trial.startedAt(), end).toMillis() / 1000.0;
        double[] values = history == null ? new double[0] : history.values();
        Integer toTarget = null;
        for (int epoch = 0; epoch < values.length && toTarget == null; epoch++) {
            toTarget = plan.reaches(values[epoch], plan.target()) ? epoch + 1 : null;
        }
        return new SweepResponse.TrialRow(trial.index(), trial.jobId(), trial.status().label(), plan.parameters(trial.index()),
                trial.objective(), trial.objectiveEpoch(), values.length == 0 ? null : values[values.length - 1],
                toTarget, seconds);
    }

    /** The trials table as CSV: index, job, status, one column per parameter, objective, epochs, duration. */
    @Transactional(readOnly = true)
    String csv(String owner, String id) {
        SweepStore.Row stored = row(owner, id);
        SweepPlan plan = planner.stored(stored);
        SweepResponse sweep = view(stored, plan, true, "index");
        List<String> paths = plan.space().dimensions().stream().map(SearchSpace.Dimension::path).toList();
        StringBuilder csv = new StringBuilder("index,job_id,status,");
        paths.forEach(path -> csv.append(quoted(path)).append(','));
        csv.append("objective,objective_epoch,final_objective,epochs_to_target,duration_seconds\n");
        for (SweepResponse.TrialRow trial : sweep.trials()) {
            csv.append(trial.index()).append(',').append(trial.jobId()).append(',').append(trial.status()).append(',');
            paths.forEach(path -> csv.append(quoted(shown(trial.parameters().get(path)))).append(','));
            csv.append(text(trial.objective())).append(',').append(text(trial.objectiveEpoch())).append(',')
                    .append(text(trial.finalObjective())).append(',').append(text(trial.epochsToTarget())).append(',')
                    .append(text(trial.durationSeconds())).append('\n');
        }
        return csv.toString();
    }

    /** A value as a cell: text as it is, an object (a whole optimizer, say) as its JSON. */
    private static String shown(JsonNode value) {
        return value.isValueNode() ? value.asString() : value.toString();
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

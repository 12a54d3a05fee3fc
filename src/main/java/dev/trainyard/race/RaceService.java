package dev.trainyard.race;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import org.springframework.stereotype.Service;

import dev.trainyard.job.Checked;
import dev.trainyard.job.JobSubmissions;
import dev.trainyard.job.PlannedJob;
import dev.trainyard.sweep.SpecPaths;
import dev.trainyard.sweep.SweepRequest;
import dev.trainyard.sweep.SweepResponse;
import dev.trainyard.sweep.Sweeps;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates races as sweeps of kind {@value #KIND}: a grid of training.optimizer x training.seed over the template, so
 * the trials of one seed share their initial weights and batch order (the engine draws both from the seed) and differ
 * in the optimizer alone. Every optimizer is checked as a job before the sweep is; the report is rebuilt from the
 * trials at each read.
 */
@Service
class RaceService {

    static final String KIND = "race";
    static final int DEFAULT_SEEDS = 5;
    private static final String OPTIMIZER = "training.optimizer";

    private final Sweeps sweeps;
    private final JobSubmissions jobs;
    private final RaceProperties limits;
    private final JsonMapper json;

    RaceService(Sweeps sweeps, JobSubmissions jobs, RaceProperties limits, JsonMapper json) {
        this.sweeps = sweeps;
        this.jobs = jobs;
        this.limits = limits;
        this.json = json;
    }

    /** Checks the race, starts its sweep and shows it with its first trials queued. */
    RaceResponse create(String owner, RaceRequest request) {
        RacePlan plan = plan(owner, request);
        SweepRequest sweep = new SweepRequest(request.name(), request.template(), List.of(
                new SweepRequest.Parameter(OPTIMIZER, plan.optimizers().stream().map(RacePlan.Contender::optimizer)
                        .toList(), null, null, null, null),
                new SweepRequest.Parameter("training.seed", plan.seeds().stream().map(seed -> (JsonNode) LongNode
                        .valueOf(seed)).toList(), null, null, null, null)),
                new SweepRequest.Algorithm("grid", null),
                new SweepRequest.Objective(plan.metric(), plan.maximize() ? "maximize" : "minimize", plan.target()),
                new SweepRequest.Limits(null, request.maxParallel(), plan.optimizers().size() * plan.seeds().size()),
                null, null);
        SweepResponse started;
        try {
            started = sweeps.start(owner, sweep, KIND, json.writeValueAsString(plan));
        } catch (ApiException refused) {
            throw refused.kind() == ProblemType.VALIDATION_FAILED ? ApiException.invalid("the race", refused
                    .fieldProblems().stream().map(problem -> new FieldProblem(field(problem.field(), request),
                            problem.message())).toList()) : refused;
        }
        return get(owner, started.id());
    }

    RaceResponse get(String owner, String id) {
        Sweeps.Kept race = sweeps.find(owner, id, KIND).orElseThrow(() -> ApiException.notFound("race", id));
        return RaceReport.of(race.sweep(), stored(race), jobs);
    }

    List<RaceResponse> list(String owner) {
        return sweeps.list(owner, KIND).stream().map(race -> RaceReport.of(race.sweep(), stored(race), jobs)).toList();
    }

    /** Cancels the race's sweep: no more trials, its queued trials cancelled, running ones stopped, history kept. */
    RaceResponse cancel(String owner, String id) {
        Sweeps.Kept race = sweeps.cancel(owner, id, KIND).orElseThrow(() -> ApiException.notFound("race", id));
        return RaceReport.of(race.sweep(), stored(race), jobs);
    }

    private RacePlan stored(Sweeps.Kept race) {
        return json.readValue(race.request(), RacePlan.class);
    }

    /** The race's field a problem of its sweep is about, for the few the race does not check itself. */
    private static String field(String sweepField, RaceRequest request) {
        if (sweepField.startsWith("parameters[0]")) {
            return "optimizers";
        }
        if (sweepField.startsWith("parameters")) {
            return request.seedValues() != null ? "seedValues" : "seeds";
        }
        if (sweepField.startsWith("objective.")) {
            return "target." + sweepField.substring("objective.".length());
        }
        return sweepField.startsWith("limits.") ? sweepField.substring("limits.".length()) : sweepField;
    }

    /**
     * The race checked as a whole: the template as a job, each optimizer in it as a job, the seeds, the limits, the
     * baseline and the target; otherwise a 400 naming every field at fault.
     */
    RacePlan plan(String owner, RaceRequest request) {
        if (request.template() == null || !request.template().isObject()) {
            throw invalid(List.of(new FieldProblem("template", "is required: a complete job spec object")));
        }
        jobs.check(owner, request.template(), "template.");
        List<FieldProblem> problems = new ArrayList<>();
        List<RacePlan.Contender> optimizers = optimizers(request.optimizers(), problems);
        String seedsField = request.seedValues() != null ? "seedValues" : "seeds";
        List<Long> seeds = seeds(request, seedsField, problems);
        long trials = (long) optimizers.size() * seeds.size();
        int maxTrials = Math.min(limits.maxTrials(), sweeps.maxTrials());
        if (problems.isEmpty() && trials > maxTrials) {
            problems.add(new FieldProblem(seedsField, optimizers.size() + " optimizers x " + seeds.size() + " seeds make "
                    + trials + " trials; at most " + maxTrials + " are allowed (" + (limits.maxTrials() <= sweeps
                    .maxTrials() ? "trainyard.races.max-trials" : "trainyard.sweeps.max-trials") + "). Use fewer seeds "
                    + "or optimizers"));
        }
        int baseline = baseline(request.baseline(), optimizers, problems);
        RaceRequest.Target target = request.target();
        String metric = target == null || target.metric() == null ? "val_loss" : target.metric().strip();
        if (target != null && target.value() == null) {
            problems.add(new FieldProblem("target.value", "is required with a target: the value of " + metric
                    + " to reach, e.g. 0.9"));
        }
        if (problems.isEmpty()) {
            for (int i = 0; i < optimizers.size(); i++) {
                check(owner, request, optimizers.get(i).optimizer(), seeds.get(0), i, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        boolean maximize = metric.endsWith("accuracy") || metric.endsWith("r2");
        return new RacePlan(optimizers, seeds, baseline, metric, maximize, target == null ? null : target.value());
    }

    private List<RacePlan.Contender> optimizers(List<JsonNode> asked, List<FieldProblem> problems) {
        if (asked == null || asked.size() < 2) {
            problems.add(new FieldProblem("optimizers", "needs at least two optimizers to compare, e.g. [\"momentum\", "
                    + "\"adam\"]"));
            return List.of();
        }
        if (asked.size() > limits.maxOptimizers()) {
            problems.add(new FieldProblem("optimizers", "has " + asked.size() + " optimizers; at most "
                    + limits.maxOptimizers() + " are allowed (trainyard.races.max-optimizers)"));
            return List.of();
        }
        List<RacePlan.Contender> optimizers = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            JsonNode given = asked.get(i);
            ObjectNode optimizer;
            if (given != null && given.isString() && !given.asString().isBlank()) {
                optimizer = json.createObjectNode().put("type", given.asString().strip());
            } else if (given != null && given.isObject() && given.path("type").isString()) {
                optimizer = (ObjectNode) given;
            } else {
                problems.add(new FieldProblem("optimizers[" + i + "]", "must be an optimizer name such as \"adam\" or "
                        + "an object with its type, such as {\"type\": \"adam\", \"learningRate\": 0.003}"));
                continue;
            }
            for (int earlier = 0; earlier < optimizers.size(); earlier++) {
                if (optimizers.get(earlier).optimizer().equals(optimizer)) {
                    problems.add(new FieldProblem("optimizers[" + i + "]", "is the same optimizer as an earlier one ("
                            + optimizers.get(earlier).label() + "); each runs once per seed"));
                }
            }
            optimizers.add(new RacePlan.Contender(label(optimizer), optimizer));
        }
        return optimizers;
    }

    /** {@code adam}, or with its settings, {@code adam(learningRate=0.003, beta1=0.8)}. */
    private static String label(ObjectNode optimizer) {
        StringJoiner settings = new StringJoiner(", ", "(", ")").setEmptyValue("");
        optimizer.properties().stream().filter(setting -> !setting.getKey().equals("type"))
                .forEach(setting -> settings.add(setting.getKey() + "=" + setting.getValue()));
        return optimizer.path("type").asString() + settings;
    }

    private List<Long> seeds(RaceRequest request, String field, List<FieldProblem> problems) {
        if (request.seedValues() != null && request.seeds() != null) {
            problems.add(new FieldProblem("seeds", "give either 'seeds' (a count) or 'seedValues', not both"));
            return List.of();
        }
        int count = request.seedValues() != null ? request.seedValues().size()
                : request.seeds() == null ? DEFAULT_SEEDS : request.seeds();
        if (count < 2 || count > limits.maxSeeds()) {
            problems.add(new FieldProblem(field, "must be between 2 and " + limits.maxSeeds() + " seeds "
                    + "(trainyard.races.max-seeds; a paired test needs two), was " + count));
            return List.of();
        }
        if (request.seedValues() == null) {
            return LongStream.rangeClosed(1, count).boxed().toList();
        }
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Long seed = request.seedValues().get(i);
            if (seed == null || !distinct.add(seed)) {
                problems.add(new FieldProblem(field + "[" + i + "]", seed == null ? "must be a number"
                        : "repeats seed " + seed + "; each seed runs once per optimizer"));
            }
        }
        return List.copyOf(request.seedValues().stream().filter(seed -> seed != null).toList());
    }

    private static int baseline(JsonNode baseline, List<RacePlan.Contender> optimizers, List<FieldProblem> problems) {
        if (baseline == null || baseline.isNull() || optimizers.isEmpty()) {
            return 0;
        }
        if (baseline.isIntegralNumber() && baseline.canConvertToInt() && baseline.asInt() >= 0
                && baseline.asInt() < optimizers.size()) {
            return baseline.asInt();
        }
        if (baseline.isString()) {
            String name = baseline.asString().strip();
            List<Integer> labelled = matching(optimizers, contender -> contender.label().equals(name));
            List<Integer> typed = matching(optimizers, contender -> contender.optimizer().path("type").asString()
                    .equalsIgnoreCase(name));
            if (labelled.size() == 1 || (labelled.isEmpty() && typed.size() == 1)) {
                return labelled.isEmpty() ? typed.get(0) : labelled.get(0);
            }
            problems.add(new FieldProblem("baseline", typed.size() > 1 ? "'" + name + "' names " + typed.size()
                    + " optimizers; use an index or a label: " + labels(optimizers) : "'" + name + "' is none of the "
                    + "optimizers; use an index from 0 to " + (optimizers.size() - 1) + " or a label: "
                    + labels(optimizers)));
            return 0;
        }
        problems.add(new FieldProblem("baseline", "must be an index from 0 to " + (optimizers.size() - 1)
                + " or an optimizer's label (" + labels(optimizers) + "), was " + baseline));
        return 0;
    }

    private static List<Integer> matching(List<RacePlan.Contender> optimizers,
            Predicate<RacePlan.Contender> test) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < optimizers.size(); i++) {
            if (test.test(optimizers.get(i))) {
                found.add(i);
            }
        }
        return found;
    }

    private static String labels(List<RacePlan.Contender> optimizers) {
        return String.join(", ", optimizers.stream().map(RacePlan.Contender::label).toList());
    }

    /**
     * Checks the template with optimizer {@code index} as a job; its problems are under {@code optimizers[index]},
     * the optimizer's own fields kept ({@code optimizers[1].learningRate}).
     */
    private void check(String owner, RaceRequest request, JsonNode optimizer, long seed, int index,
            List<FieldProblem> problems) {
        ObjectNode spec = SpecPaths.with(SpecPaths.with((ObjectNode) request.template(), OPTIMIZER, optimizer),
                "training.seed", LongNode.valueOf(seed));
        Checked<PlannedJob> planned = jobs.plan(owner, spec);
        boolean named = request.optimizers().get(index).isString();
        for (FieldProblem problem : planned.valid() ? List.<FieldProblem>of() : planned.problems()) {
            String field = problem.field();
            boolean own = field.equals(OPTIMIZER) || field.startsWith(OPTIMIZER + ".");
            problems.add(new FieldProblem("optimizers[" + index + "]" + (own && !named
                    ? field.substring(OPTIMIZER.length()) : ""), own ? problem.message()
                    : "with this optimizer, " + field + " " + problem.message()));
        }
    }

    private static ApiException invalid(List<FieldProblem> problems) {
        return ApiException.invalid("the race", problems);
    }
}

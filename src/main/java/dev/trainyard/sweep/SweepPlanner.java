package dev.trainyard.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.stereotype.Component;

import dev.trainyard.job.Checked;
import dev.trainyard.job.JobSubmissions;
import dev.trainyard.job.PlannedJob;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a sweep request as a whole: the template as a job, every parameter and its path, the objective and the
 * limits, and then every trial it would generate, each checked exactly as a submitted job.
 */
@Component
class SweepPlanner {

    /** Metrics an epoch reports that an objective may name. */
    static final Set<String> OBJECTIVES = Set.of("train_loss", "val_loss", "train_accuracy", "val_accuracy", "val_mae",
            "val_rmse", "val_r2");
    static final int DEFAULT_RANDOM_TRIALS = 20;
    /** The width of the sweep.name column. */
    static final int MAX_NAME = 200;

    private final JobSubmissions jobs;
    private final SweepProperties limits;

    private final JsonMapper json;

    SweepPlanner(JobSubmissions jobs, SweepProperties limits, JsonMapper json) {
        this.jobs = jobs;
        this.limits = limits;
        this.json = json;
    }

    /** The plan of a stored sweep, whose request was checked when it was created. */
    SweepPlan stored(SweepStore.Row sweep) {
        return build(json.readValue(sweep.requestJson(), SweepRequest.class));
    }

    /** A checked sweep with its trials, each checked and filled in as a job, in index order. */
    record Planned(SweepPlan plan, List<PlannedJob> trials) {
    }

    /** The plan of a request checked as a whole, every trial planned; otherwise a 400 problem naming the fields. */
    Planned plan(String owner, SweepRequest request) {
        if (request.template() == null || !request.template().isObject()) {
            throw invalid(List.of(new FieldProblem("template", "is required: a complete job spec object")));
        }
        jobs.check(owner, request.template(), "template.");
        SweepPlan plan = build(request);
        List<PlannedJob> trials = new ArrayList<>();
        for (int trial = 0; trial < plan.maxTrials(); trial++) {
            Checked<PlannedJob> planned = trial(owner, plan, trial);
            if (!planned.valid()) {
                throw invalid(planned.problems());
            }
            trials.add(planned.value());
        }
        return new Planned(plan, trials);
    }

    /** The plan of a request whose parameters, objective and limits are valid, without checking its trials as jobs. */
    SweepPlan build(SweepRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.name() != null && request.name().length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters, had "
                    + request.name().length()));
        }
        SweepRequest.Algorithm algorithm = request.algorithm();
        String type = algorithm == null || algorithm.type() == null ? "grid" : algorithm.type().strip().toLowerCase(Locale.ROOT);
        if (!type.equals("grid") && !type.equals("random")) {
            problems.add(new FieldProblem("algorithm.type", "must be grid or random, was '" + algorithm.type() + "'"));
        }
        boolean grid = !type.equals("random");
        SearchSpace space = SearchSpace.of(request.parameters(), grid, problems);
        SweepRequest.Objective objective = request.objective();
        String metric = objective == null || objective.metric() == null ? "val_loss" : objective.metric().strip();
        if (!OBJECTIVES.contains(metric)) {
            problems.add(new FieldProblem("objective.metric", "must be one of " + String.join(", ",
                    OBJECTIVES.stream().sorted().toList()) + "; was '" + metric + "'"));
        }
        String goal = objective == null || objective.goal() == null ? "minimize" : objective.goal().strip().toLowerCase(Locale.ROOT);
        if (!goal.equals("minimize") && !goal.equals("maximize")) {
            problems.add(new FieldProblem("objective.goal", "must be minimize or maximize, was '" + objective.goal() + "'"));
        }
        SweepRequest.Limits asked = request.limits() == null ? new SweepRequest.Limits(null, null, null) : request.limits();
        int maxTrials = trials(asked, grid, space, problems);
        int maxParallel = bounded(asked.maxParallel(), 2, 1, limits.maxParallel(), "limits.maxParallel",
                "trainyard.sweeps.max-parallel", problems);
        int maxFailed = bounded(asked.maxFailed(), 5, 1, Integer.MAX_VALUE, "limits.maxFailed", null, problems);
        Pruner pruner = pruner(request.pruning(), problems);
        SweepRequest.Completion completion = request.completion();
        Integer patience = completion == null || completion.patience() == null ? null
                : bounded(completion.patience(), 1, 1, limits.maxTrials(), "completion.patience", null, problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new SweepPlan(request.name(), (ObjectNode) request.template(), space, grid,
                algorithm == null || algorithm.seed() == null ? 1 : algorithm.seed(), metric, goal.equals("maximize"),
                maxTrials, maxParallel, maxFailed, pruner, objective == null ? null : objective.target(),
                completion == null ? null : completion.target(), patience);
    }

    private static Pruner pruner(SweepRequest.Pruning pruning, List<FieldProblem> problems) {
        String type = pruning == null || pruning.type() == null ? "none" : pruning.type().strip().toLowerCase(Locale.ROOT);
        int minEpochs = pruning == null ? 5 : bounded(pruning.minEpochs(), 5, 1, 100_000, "pruning.minEpochs", null,
                problems);
        return switch (type) {
            case "none" -> new Pruner.None();
            case "median" -> new Pruner.MedianStopping(bounded(pruning.minTrials(), 3, 1, 10_000, "pruning.minTrials",
                    null, problems), minEpochs);
            case "asha" -> new Pruner.SuccessiveHalving(minEpochs, bounded(pruning.reductionFactor(), 3, 2, 100,
                    "pruning.reductionFactor", null, problems));
            default -> {
                problems.add(new FieldProblem("pruning.type", "must be none, median or asha, was '" + pruning.type() + "'"));
                yield new Pruner.None();
            }
        };
    }

    private int trials(SweepRequest.Limits asked, boolean grid, SearchSpace space, List<FieldProblem> problems) {
        long gridSize = space.gridSize();
        if (grid && !space.dimensions().isEmpty() && gridSize > limits.maxTrials() && problems.isEmpty()) {
            problems.add(new FieldProblem("parameters", "the grid has " + (gridSize == Long.MAX_VALUE ? "too many"
                    : String.valueOf(gridSize)) + " combinations; at most " + limits.maxTrials() + " are allowed "
                    + "(trainyard.sweeps.max-trials). Use fewer candidates, or a random search"));
        }
        int fallback = grid ? (int) Math.min(gridSize, limits.maxTrials()) : DEFAULT_RANDOM_TRIALS;
        int trials = bounded(asked.maxTrials(), fallback, 1, limits.maxTrials(), "limits.maxTrials",
                "trainyard.sweeps.max-trials", problems);
        return grid ? (int) Math.min(trials, gridSize) : trials;
    }

    private static int bounded(Integer value, int fallback, int min, int max, String field, String setting,
            List<FieldProblem> problems) {
        int chosen = value == null ? fallback : value;
        if (chosen < min || chosen > max) {
            problems.add(new FieldProblem(field, "must be between " + min + " and " + max
                    + (setting == null ? "" : " (" + setting + ")") + ", was " + chosen));
        }
        return chosen;
    }

    /**
     * Builds, checks and fills in trial {@code trial}'s spec as a job; its problems are under the sweep's fields, each
     * naming the parameter whose value made it invalid.
     */
    Checked<PlannedJob> trial(String owner, SweepPlan plan, int trial) {
        ObjectNode spec;
        try {
            spec = plan.spec(trial);
        } catch (IllegalArgumentException badPath) {
            return Checked.invalid(List.of(new FieldProblem(parameter(plan, "", badPath.getMessage()),
                    badPath.getMessage())));
        }
        Checked<PlannedJob> planned = jobs.plan(owner, spec);
        if (planned.valid()) {
            return planned;
        }
        String values = shown(plan.parameters(trial));
        return Checked.invalid(planned.problems().stream().map(field -> new FieldProblem(
                parameter(plan, field.field(), field.message()), "trial " + trial + " (" + values + "): "
                        + field.field() + " " + field.message())).toList());
    }

    /** A trial's values as a message shows them: each cut after 60 characters, since a value may be a list of layers. */
    private static String shown(Map<String, JsonNode> values) {
        StringJoiner shown = new StringJoiner(", ", "{", "}");
        values.forEach((path, value) -> {
            String text = value.toString();
            shown.add(path + "=" + (text.length() <= 60 ? text : text.substring(0, 60) + "..."));
        });
        return shown.toString();
    }

    /**
     * {@code parameters[i]} for the parameter a trial's problem is about: the field is its path or inside it, or the
     * field holds it and the message names it, or the message quotes the path; else {@code parameters}.
     */
    private static String parameter(SweepPlan plan, String field, String message) {
        List<SearchSpace.Dimension> dimensions = plan.space().dimensions();
        for (int i = 0; i < dimensions.size(); i++) {
            String path = dimensions.get(i).path();
            String name = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
            boolean holds = !field.isEmpty() && (path.startsWith(field + ".") || path.startsWith(field + "["))
                    && message.contains(name);
            boolean inside = field.startsWith(path + ".") || field.startsWith(path + "[");
            if (field.equals(path) || inside || holds || message.contains("'" + path + "'")) {
                return "parameters[" + i + "]";
            }
        }
        return "parameters";
    }

    private static ApiException invalid(List<FieldProblem> problems) {
        return ApiException.invalid("the sweep", problems);
    }
}

package dev.trainyard.sweep;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A hyperparameter search: a job template, the parameters to vary, how to search, what to optimize, and limits. */
public record SweepRequest(
        @Schema(example = "spiral-search") String name,
        @Schema(description = "a complete job spec, as POST /api/v1/jobs takes it; each trial changes its parameters")
        JsonNode template,
        @Schema(description = "the parameters to vary, each addressed by its path in the spec") List<Parameter> parameters,
        Algorithm algorithm,
        Objective objective,
        Limits limits,
        Pruning pruning,
        Completion completion) {

    /**
     * One searched parameter: either {@code values} (candidates, in order) or a range {@code min}..{@code max} with a
     * {@code scale}; a range in a grid needs {@code count} points.
     */
    public record Parameter(
            @Schema(example = "training.optimizer.learningRate") String path,
            @Schema(description = "candidate values (numbers, text such as optimizer names)") List<JsonNode> values,
            Double min,
            Double max,
            @Schema(description = "linear, log or integer", defaultValue = "linear") String scale,
            @Schema(description = "grid points of a range (evenly spaced on its scale)") Integer count) {
    }

    public record Algorithm(
            @Schema(description = "grid (every combination, in order) or random (sampled)", defaultValue = "grid")
            String type,
            @Schema(description = "random: the seed that makes the trials reproducible", defaultValue = "1") Long seed) {
    }

    public record Objective(
            @Schema(example = "val_loss", defaultValue = "val_loss") String metric,
            @Schema(description = "minimize or maximize", defaultValue = "minimize") String goal,
            @Schema(description = "a value to reach: each trial reports the epochs it took (epochsToTarget), to "
                    + "compare, say, optimizers on the same seed") Double target) {
    }

    /** When the sweep may stop before its last trial; running trials are then cancelled, their history kept. */
    public record Completion(
            @Schema(description = "stop once a trial's objective reaches this value (and report epochs to reach it)")
            Double target,
            @Schema(description = "stop when the best objective has not improved over this many ended trials")
            Integer patience) {
    }

    /** Stopping unpromising trials early; they end PRUNED with their history kept. */
    public record Pruning(
            @Schema(description = "none, median (median stopping rule) or asha (asynchronous successive halving)",
                    defaultValue = "none") String type,
            @Schema(description = "median: ended trials needed before it judges", defaultValue = "3") Integer minTrials,
            @Schema(description = "median: epochs before it judges a trial; asha: the first rung", defaultValue = "5")
            Integer minEpochs,
            @Schema(description = "asha: rungs are minEpochs * factor^k, and 1/factor of the trials go on at each",
                    defaultValue = "3") Integer reductionFactor) {
    }

    public record Limits(
            @Schema(description = "trials to run; a grid defaults to its size, a random search to 20") Integer maxTrials,
            @Schema(description = "trials queued or running at once", defaultValue = "2") Integer maxParallel,
            @Schema(description = "failed trials after which the sweep stops", defaultValue = "5") Integer maxFailed) {
    }
}

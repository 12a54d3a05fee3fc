package dev.trainyard.race;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** An optimizer race: optimizers trained from one job template on the same seeds, compared seed by seed. */
record RaceRequest(
        @Schema(example = "digits-optimizers") String name,
        @Schema(description = "a complete job spec, as POST /api/v1/jobs takes it; each trial replaces its "
                + "training.optimizer and training.seed") JsonNode template,
        @Schema(description = "2 to trainyard.races.max-optimizers (default 8) optimizers, each a name (\"adam\", run "
                + "with its defaults) or an optimizer object ({\"type\": \"adam\", \"learningRate\": 0.003}) that "
                + "replaces the template's whole", example = "[\"momentum\", {\"type\": \"adam\", \"learningRate\": 0.003}]")
        List<JsonNode> optimizers,
        @Schema(description = "how many seeds, training.seed 1..seeds; 2 to trainyard.races.max-seeds (default 20), "
                + "and optimizers x seeds at most trainyard.races.max-trials (default 100)", defaultValue = "5")
        Integer seeds,
        @Schema(description = "the training.seed values instead of 1..seeds, distinct, as many as seeds may be")
        List<Long> seedValues,
        @Schema(description = "the optimizer the others are compared with: its index in optimizers, or its name "
                + "(\"adam\", or a label such as \"adam(learningRate=0.003)\")", defaultValue = "0", example = "0")
        JsonNode baseline,
        @Schema(description = "a value of a metric to reach: every trial reports the epochs it took; without one the "
                + "race compares val_loss only") Target target,
        @Schema(description = "trials queued or running at once, within trainyard.sweeps.max-parallel",
                defaultValue = "2") Integer maxParallel) {

    /** The value to reach; the goal follows from the metric (accuracy and r2 up, losses and errors down). */
    record Target(
            @Schema(example = "val_accuracy", defaultValue = "val_loss") String metric,
            @Schema(example = "0.9") Double value) {
    }
}

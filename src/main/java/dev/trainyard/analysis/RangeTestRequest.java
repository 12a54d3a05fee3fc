package dev.trainyard.analysis;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A learning-rate range test of a job template; the numbers left out take their defaults. */
@Schema(description = "A learning-rate range test", example = """
        {"template": {"dataset": {"id": "builtin:digits"},
                      "model": {"layers": [{"type": "dense", "units": 64, "activation": "relu"}]},
                      "training": {"epochs": 30, "optimizer": {"type": "adam"}}},
         "minLr": 1e-6, "maxLr": 10, "steps": 200}""")
record RangeTestRequest(
        @Schema(description = "a complete job spec, as POST /api/v1/jobs takes it: the test trains its model from its "
                + "initial weights and batch order (training.seed) with its optimizer; its learning rate is ignored")
        JsonNode template,
        @Schema(description = "the first learning rate (above 0)", defaultValue = "1e-6") Double minLr,
        @Schema(description = "the last learning rate (above minLr, at most trainyard.analyses.max-range-lr)",
                defaultValue = "10") Double maxLr,
        @Schema(description = "optimizer steps, one per learning rate (10 to trainyard.analyses.max-range-steps)",
                defaultValue = "200") Integer steps) {

    static final double MIN_LR = 1e-6;
    static final double MAX_LR = 10;
    static final int STEPS = 200;

    double minLrOrDefault() {
        return minLr == null ? MIN_LR : minLr;
    }

    double maxLrOrDefault() {
        return maxLr == null ? MAX_LR : maxLr;
    }

    int stepsOrDefault() {
        return steps == null ? STEPS : steps;
    }
}

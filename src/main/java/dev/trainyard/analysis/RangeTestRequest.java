package dev.trainyard.analysis;

import dev.trainyard.engine.spec.LearningRateSearch;
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

    double minLrOrDefault() {
        return minLr == null ? LearningRateSearch.DEFAULT.minLr() : minLr;
    }

    double maxLrOrDefault() {
        return maxLr == null ? LearningRateSearch.DEFAULT.maxLr() : maxLr;
    }

    int stepsOrDefault() {
        return steps == null ? LearningRateSearch.DEFAULT.steps() : steps;
    }
}

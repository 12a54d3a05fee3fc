package dev.trainyard.sweep;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** What a sweep would run: how many trials, and the first ones with their values and complete specs. */
record SweepPreview(
        @Schema(description = "grid or random") String algorithm,
        @Schema(description = "trials the sweep would run") int trials,
        @Schema(description = "combinations of the grid (grid only)") Long gridSize,
        List<Trial> first) {

    static final int SHOWN = 5;

    record Trial(int index, Map<String, JsonNode> parameters, JsonNode spec) {
    }

    static SweepPreview of(SweepPlan plan) {
        return new SweepPreview(plan.grid() ? "grid" : "random", plan.maxTrials(),
                plan.grid() ? plan.space().gridSize() : null,
                IntStream.range(0, Math.min(SHOWN, plan.maxTrials()))
                        .mapToObj(i -> new Trial(i, plan.parameters(i), plan.spec(i))).toList());
    }
}

package dev.trainyard.diagnostics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A finding as the API shows it. */
@Schema(description = "What one diagnostics rule found in a job's training")
record FindingView(
        @Schema(description = "the rule, e.g. vanishing_gradients; docs/concepts.md explains each with its thresholds",
                example = "vanishing_gradients") String rule,
        @Schema(description = "info, warning or critical", allowableValues = {"info", "warning", "critical"})
        String severity,
        @Schema(description = "the layers it concerns, as the metrics name them (layer0, layer2.1, output); empty for "
                + "the run as a whole") List<String> layers,
        @Schema(description = "the epochs the evidence covers, 0-based, both included") Epochs epochs,
        @Schema(description = "the numbers, and the thresholds they crossed") Map<String, Object> evidence,
        @Schema(description = "what happened and why, in plain words") String explanation,
        @Schema(description = "where the idea behind the rule is explained", example = "docs/concepts.md#vanishing_gradients")
        String concept,
        @Schema(description = "a JSON Merge Patch (RFC 7396) of the job's spec that addresses it; apply it with POST "
                + "/api/v1/jobs/{id}/retry-with; null when no change of the spec does") JsonNode patch,
        @Schema(description = "when it was first raised") Instant raisedAt) {

    record Epochs(int from, int to) {
    }
}

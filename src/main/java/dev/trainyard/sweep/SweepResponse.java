package dev.trainyard.sweep;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A sweep as the API shows it: where it is, its trials by status, the best trial, and the trials table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepResponse(
        String id,
        String name,
        @Schema(description = "sweep, or race for the optimizer x seed grid of POST /api/v1/races, whose report is at "
                + "/api/v1/races/{id}") String kind,
        @Schema(description = "running, completed, failed or cancelled") String status,
        @Schema(description = "why it ended") String stopReason,
        @Schema(description = "grid or random") String algorithm,
        String metric,
        @Schema(description = "minimize or maximize") String goal,
        int maxTrials,
        int maxParallel,
        int maxFailed,
        int trialsCreated,
        @Schema(description = "trials by status: queued, running, succeeded, failed, pruned, cancelled") Map<String, Long> counts,
        @Schema(description = "the trial with the best objective so far") TrialRow best,
        @Schema(description = "left out of lists") List<TrialRow> trials,
        Instant createdAt,
        Instant finishedAt) {

    /**
     * One trial: its values, its job, its best objective so far with the epoch it was reached at, its last epoch's
     * objective, and with an objective target, the epochs it took to reach it: side by side, trials of a grid over the
     * optimizer with a fixed seed (same initial weights, same batches) compare the optimizers alone.
     */
    public record TrialRow(int index, String jobId, String status, Map<String, JsonNode> parameters, Double objective,
                    Integer objectiveEpoch, Double finalObjective, Integer epochsToTarget, Double durationSeconds) {
    }
}

package dev.trainyard.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A job as the API shows it; parts that do not apply yet (progress of a queued job, failure of a good one) are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobResponse(
        String id,
        String name,
        @Schema(description = "queued, running, succeeded, failed, pruned or cancelled") String status,
        @Schema(description = "what the job is doing now: waiting, backing_off (to resume after its node was lost), "
                + "preparing, training, cancelling or finished") String phase,
        @Schema(example = "builtin:digits") String dataset,
        @Schema(description = "SHA-256 of the spec in canonical form") String specHash,
        @Schema(description = "the sweep this job is a trial of") String sweep,
        @Schema(description = "its index among the sweep's trials") Integer trialIndex,
        @Schema(description = "the job this one was derived from by POST /api/v1/jobs/{id}/retry-with, and the merge "
                + "patch that made its spec; absent for a job submitted whole") DerivedFrom derivedFrom,
        Progress progress,
        @Schema(description = "the metrics of the last finished epoch") EpochValues latest,
        @Schema(description = "the metrics of the best epoch: early stopping's, else the lowest val_loss (train_loss "
                + "without a validation split)") EpochValues best,
        @Schema(description = "why a succeeded job stopped: max_epochs or early_stopped") String stopReason,
        Failure failure,
        @Schema(description = "what the spec does that is allowed but likely unwanted, each starting with its field: "
                + "found at submission (mean_squared_error on a classification, a batch larger than the training "
                + "split, a class drop_rows may leave out of training) and by the run (symmetric init)") List<String> warnings,
        @Schema(description = "gradient steps (optimizer updates) in one epoch, from the training split's rows and "
                + "the batch: 1 for a full batch, one per row for stochastic, ceil(rows / size) for mini-batches; "
                + "counted at submission, before dataset.missing drop_rows leaves rows out") Integer stepsPerEpoch,
        @Schema(description = "diagnostics findings by severity (info, warning, critical), as last computed while it "
                + "trained or when asked; the findings themselves: GET /api/v1/jobs/{id}/diagnostics")
        Map<String, Integer> findings,
        @Schema(description = "evaluation on the held-out test split: rows, metrics, confusion matrix") JsonNode test,
        @Schema(description = "how many times a worker claimed the job") int attempts,
        @Schema(description = "the node that ran (or runs) the latest attempt") String node,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        JsonNode spec,
        @Schema(description = "the spec as the job runs it, every default filled in (what job_param holds); absent for "
                + "a job submitted before it was kept") JsonNode effectiveSpec,
        @Schema(description = "a job whose learning rate is \"auto\": the range test that chose it, once run: "
                + "learningRates, losses, smoothed, diverged, steepest, minimumOverTen, suggested (the rate it trains "
                + "with) and reasoning") JsonNode learningRateSearch) {

    record Progress(int epoch, int totalEpochs, double fraction,
                    @Schema(description = "seconds left at this attempt's pace so far") Double etaSeconds) {
    }

    record EpochValues(int epoch, Map<String, Double> metrics) {
    }

    /** Where a derived job's spec came from; the original's id is null once that job has been deleted. */
    record DerivedFrom(
            @JsonInclude(JsonInclude.Include.ALWAYS)
            @Schema(description = "the id of the job whose spec as sent was patched; null once that job was deleted")
            String id,
            @Schema(description = "the JSON Merge Patch (RFC 7396) applied to that spec, as sent",
                    example = "{\"training\": {\"optimizer\": {\"learningRate\": 0.01}}}") JsonNode patch) {
    }

    record Failure(@Schema(description = "diverged, invalid_data, worker_lost, out_of_memory or internal") String code,
                   @Schema(description = "what went wrong and what to do") String message) {
    }
}

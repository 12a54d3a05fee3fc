package dev.trainyard.race;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * A race's report, rebuilt from its trials' stored metrics at every read: per optimizer the spread over its seeds of
 * the epochs to the target, of the final val_loss and of the final target metric, and the per-seed differences from
 * the baseline with a paired t-test. Only succeeded trials count; a trial that never reached the target has no epochs
 * to it, and is left out of those statistics and pairs (its count shows in {@code n}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RaceResponse(
        @Schema(description = "the race's id, which is also its sweep's (GET /api/v1/sweeps/{id})") String id,
        String name,
        @Schema(description = "running, completed, failed or cancelled") String status,
        @Schema(description = "why it ended") String stopReason,
        @Schema(description = "the target's metric, val_loss without a target") String metric,
        @Schema(description = "minimize or maximize") String goal,
        Double target,
        @Schema(description = "the training.seed values every optimizer runs on") List<Long> seeds,
        @Schema(description = "the label of the optimizer the others are compared with") String baseline,
        @Schema(description = "trials by status") Map<String, Long> counts,
        @Schema(description = "in the order asked; lists leave out the statistics and trials") List<Contestant> optimizers,
        Instant createdAt,
        Instant finishedAt) {

    /** One optimizer's results over the seeds, and how it differs from the baseline seed by seed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Contestant(
            String label,
            @Schema(description = "the optimizer object its trials ran with (defaults filled in by each trial's job)")
            JsonNode optimizer,
            boolean baseline,
            @Schema(description = "with a target: over the trials that reached it") Spread epochsToTarget,
            Spread finalValLoss,
            @Schema(description = "the target metric's last value, when it is not val_loss") Spread finalObjective,
            @Schema(description = "absent for the baseline itself") Comparison versusBaseline,
            List<Run> trials) {
    }

    /** Mean, sample standard deviation (from 2 values), min and max over the n trials that have the value. */
    record Spread(int n, double mean, Double sd, double min, double max) {
    }

    /** Differences from the baseline for each measure, and what the headline one says. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Comparison(
            Difference epochsToTarget,
            Difference finalValLoss,
            Difference finalObjective,
            @Schema(description = "the headline measure (epochs to target with a target, else final val_loss) in words")
            String verdict) {
    }

    /**
     * This optimizer minus the baseline on each seed both have a value for, and the paired t-test of those
     * differences: t with n - 1 degrees of freedom, its two-sided p-value, and the 95% confidence interval of the mean
     * difference. With fewer than 2 pairs, or differences that are all equal, there is nothing to test: null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Difference(int n, List<Long> seeds, List<Double> differences, double meanDifference, Double sd,
                      Double ciLow, Double ciHigh, Double t, Integer degreesOfFreedom, Double pValue) {
    }

    /** One trial: its seed, its job, and its values (on a succeeded trial). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Run(long seed, String jobId, String status, Integer epochsToTarget, Double finalValLoss,
               Double finalObjective) {
    }
}

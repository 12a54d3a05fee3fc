package dev.trainyard.analysis;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** An analysis as the API shows it. */
record AnalysisResponse(
        String id,
        @Schema(description = "the job analysed") String job,
        @Schema(example = "hessian") String type,
        @Schema(description = "queued, running, succeeded, failed or cancelled") String status,
        @Schema(description = "the fraction done, 0 to 1") double progress,
        @Schema(description = "the request, as sent") JsonNode request,
        @Schema(description = "for a hessian analysis: verdict (minimum, saddle or flat) with its evidence, "
                + "topEigenvalues, bottomEigenvalues, trace and its standard error, conditionNumber (null unless every "
                + "eigenvalue is positive), sharpness against edgeOfStability (2 / learning rate), the eigenvalue "
                + "density, parameters, samples, hessianVectorProducts, seconds") JsonNode result,
        @Schema(description = "why it failed") String error,
        int attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}

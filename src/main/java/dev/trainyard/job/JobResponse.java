package dev.trainyard.job;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A job as the API shows it. */
record JobResponse(
        String id,
        String name,
        @Schema(description = "queued, running, succeeded, failed, pruned or cancelled") String status,
        @Schema(example = "builtin:digits") String dataset,
        @Schema(description = "SHA-256 of the spec in canonical form") String specHash,
        JsonNode spec,
        Instant createdAt,
        Instant updatedAt) {
}

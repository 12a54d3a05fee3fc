package dev.trainyard.dataset;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A dataset as the API shows it; {@code schema} is filled when one dataset is asked for. */
record DatasetResponse(
        @Schema(example = "builtin:digits") String id,
        String name,
        @Schema(description = "builtin, upload or generated") String source,
        @Schema(description = "classification or regression") String task,
        String target,
        long rows,
        int columns,
        @Schema(description = "height, width and channels when rows are images") int[] imageShape,
        @Schema(description = "SHA-256 of the CSV text") String checksum,
        long sizeBytes,
        Instant createdAt,
        DatasetSchema schema) {
}

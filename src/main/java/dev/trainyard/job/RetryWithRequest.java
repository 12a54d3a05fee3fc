package dev.trainyard.job;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** The body of POST /api/v1/jobs/{id}/retry-with: how the new job's spec differs from the original's. */
record RetryWithRequest(
        @Schema(description = "a JSON Merge Patch (RFC 7396) of the original job's spec as it was sent (GET "
                + "/api/v1/jobs/{id} shows it as 'spec'): members to change, null to remove one; arrays such as "
                + "model.layers are replaced whole. Without 'name', the new job keeps the original's name",
                example = "{\"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 32, \"activation\": \"relu\", "
                        + "\"init\": \"he\"}]}, \"training\": {\"optimizer\": {\"learningRate\": 0.01}}}")
        JsonNode patch) {
}

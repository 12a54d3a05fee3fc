package dev.trainyard.security;

import io.swagger.v3.oas.annotations.media.Schema;

/** A new key with its secret, shown this once. */
record CreatedKeyResponse(KeyResponse key,
                          @Schema(description = "the secret: store it now, it cannot be shown again") String secret) {
}

package dev.trainyard.security;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An API key as listed: everything but the secret. */
record KeyResponse(UUID id, String name, String owner, Role role,
                   @Schema(description = "first characters of the key, to tell keys apart", example = "ty_8fK2aQ")
                   String prefix,
                   Instant createdAt,
                   @Schema(description = "when the key was revoked; absent while it is active") Instant revokedAt) {

    static KeyResponse of(ApiKey key) {
        return new KeyResponse(key.publicId(), key.name(), key.owner(), key.role(), key.prefix(), key.createdAt(),
                key.revokedAt());
    }
}

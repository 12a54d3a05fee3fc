package dev.trainyard.security;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin sends to create a key. */
record CreateKeyRequest(
        @Schema(description = "who the key belongs to; a user sees only their own datasets, jobs and sweeps",
                example = "alice")
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}",
                message = "must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit")
        String owner,
        @Schema(description = "a label to recognise the key by", example = "alice's laptop")
        @Size(max = 100) String name,
        @Schema(description = "admin or user", defaultValue = "user") Role role) {

    String nameOrDefault() {
        return name == null || name.isBlank() ? "key of " + owner : name.strip();
    }

    Role roleOrDefault() {
        return role == null ? Role.USER : role;
    }
}

package dev.trainyard.security;

import java.util.UUID;

/** Who is calling: the key used, its owner and its role. Controllers take it with {@code @AuthenticationPrincipal}. */
public record ApiPrincipal(UUID keyId, String owner, Role role) {
}

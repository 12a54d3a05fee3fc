package dev.trainyard.security;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Key management, for admins only (see {@link SecurityConfiguration}). */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "API keys", description = "Create, list and revoke API keys (admin role)")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(summary = "Create a key", description = "The answer holds the secret; it is shown only this once.")
    ResponseEntity<CreatedKeyResponse> create(@Valid @RequestBody CreateKeyRequest request, UriComponentsBuilder uri) {
        ApiKeyService.CreatedKey created = keys.create(request.nameOrDefault(), request.owner(), request.roleOrDefault());
        KeyResponse key = KeyResponse.of(created.key());
        return ResponseEntity.created(uri.path("/api/v1/keys/{id}").build(key.id()))
                .body(new CreatedKeyResponse(key, created.secret().value()));
    }

    @GetMapping
    @Operation(summary = "List all keys", description = "Oldest first; secrets are never shown.")
    List<KeyResponse> list() {
        return keys.list().stream().map(KeyResponse::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show one key")
    KeyResponse get(@PathVariable UUID id) {
        return KeyResponse.of(keys.get(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key", description = "Idempotent. The last active admin key cannot be revoked.")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        keys.revoke(id);
        return ResponseEntity.noContent().build();
    }
}

package dev.trainyard.security;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.system.ApiException;

/** Creates, finds and revokes API keys. Secrets leave this class only once, when a key is created. */
@Service
class ApiKeyService {

    private final ApiKeyRepository keys;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A key just made, with the secret the caller must hand over now: it cannot be recovered later. */
    record CreatedKey(ApiKey key, KeySecret secret) {
    }

    @Transactional
    CreatedKey create(String name, String owner, Role role) {
        return create(name, owner, role, KeySecret.generate());
    }

    @Transactional
    CreatedKey create(String name, String owner, Role role, KeySecret secret) {
        ApiKey key = keys.save(new ApiKey(name, owner, role, secret, clock.instant()));
        return new CreatedKey(key, secret);
    }

    @Transactional(readOnly = true)
    Optional<ApiKey> findBySecret(String secret) {
        return keys.findBySecretHash(KeySecret.sha256(secret));
    }

    @Transactional(readOnly = true)
    boolean isEmpty() {
        return keys.count() == 0;
    }

    @Transactional(readOnly = true)
    List<ApiKey> list() {
        return keys.findAllByOrderByCreatedAtAscIdAsc();
    }

    @Transactional(readOnly = true)
    ApiKey get(UUID id) {
        return keys.findByPublicId(id).orElseThrow(() -> ApiException.notFound("API key", id));
    }

    /** Revokes a key (idempotent), but never the last active admin key: that would lock everyone out. */
    @Transactional
    ApiKey revoke(UUID id) {
        ApiKey key = get(id);
        if (!key.isRevoked() && key.role() == Role.ADMIN && keys.countByRoleAndRevokedAtIsNull(Role.ADMIN) == 1) {
            throw ApiException.conflict("Key " + id + " is the last active admin key; revoking it would lock every "
                    + "administrator out. Create another admin key first, then revoke this one.");
        }
        key.revoke(clock.instant());
        return key;
    }
}

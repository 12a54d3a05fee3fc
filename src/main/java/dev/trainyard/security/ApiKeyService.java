package dev.trainyard.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.trainyard.system.ApiException;

/**
 * Creates, finds and revokes API keys. Secrets leave this class only once, when a key is created.
 *
 * <p>A request's key is looked up through a small per-node cache (by the secret's hash, for
 * {@code trainyard.security.key-cache-ttl}, at most {@value #CACHED_KEYS} keys): a key found stays usable here for that
 * long without a database read. Revoking a key drops it from this node's cache at once; other nodes notice within the
 * TTL. Unknown secrets are not cached, so a key created on another node works at once.
 */
@Service
class ApiKeyService {

    static final int CACHED_KEYS = 10_000;

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final Cache<String, Credential> found;

    ApiKeyService(ApiKeyRepository keys, Clock clock, SecurityProperties settings) {
        this.keys = keys;
        this.clock = clock;
        this.found = Caffeine.newBuilder().maximumSize(CACHED_KEYS).expireAfterWrite(settings.keyCacheTtl())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** What a request needs of its key: who it is, and whether (and when) the key was revoked. */
    record Credential(ApiPrincipal principal, Role role, Instant revokedAt) {

        boolean isRevoked() {
            return revokedAt != null;
        }
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

    Optional<Credential> authenticate(String secret) {
        String hash = KeySecret.sha256(secret);
        Credential cached = found.getIfPresent(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Credential> key = keys.findBySecretHash(hash)
                .map(k -> new Credential(k.principal(), k.role(), k.revokedAt()));
        key.ifPresent(credential -> found.put(hash, credential));
        return key;
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
        forgetOnCommit(key.secretHash());
        return key;
    }

    /** Drops the key from this node's cache once the revocation is committed, so no request puts it back before. */
    private void forgetOnCommit(String hash) {
        found.invalidate(hash);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    found.invalidate(hash);
                }
            });
        }
    }
}

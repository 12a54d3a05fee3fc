package dev.trainyard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.test.context.ActiveProfiles;

import dev.trainyard.support.MutableClock;

/**
 * The key repository on its own, on the migrated schema (Flyway) of an in-memory H2 database, with no web layer,
 * worker or security chain: lookups by secret hash and public id, the listing order, and the count of active admins
 * that keeps the last admin key from being revoked.
 */
@DataJpaTest
@ActiveProfiles("test")
class ApiKeyRepositoryTest {

    @Autowired
    ApiKeyRepository keys;

    private final MutableClock clock = MutableClock.fixed();

    private ApiKey save(String owner, Role role, KeySecret secret) {
        ApiKey key = keys.save(new ApiKey("key of " + owner, owner, role, secret, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        return key;
    }

    @Test
    void aKeyIsFoundByTheHashOfItsSecretAndByItsPublicIdButNeverByTheSecretItself() {
        KeySecret secret = KeySecret.generate();
        ApiKey saved = save("alice", Role.USER, secret);

        assertThat(keys.findBySecretHash(secret.hash())).map(ApiKey::owner).contains("alice");
        assertThat(keys.findBySecretHash(secret.value())).isEmpty();
        assertThat(keys.findByPublicId(saved.publicId())).map(ApiKey::owner).contains("alice");
        assertThat(keys.findByPublicId(UUID.randomUUID())).isEmpty();
    }

    @Test
    void keysAreListedOldestFirst() {
        List<String> before = keys.findAllByOrderByCreatedAtAscIdAsc().stream().map(ApiKey::owner).toList();
        save("carol", Role.USER, KeySecret.generate());
        save("bob", Role.ADMIN, KeySecret.generate());
        save("dave", Role.USER, KeySecret.generate());

        assertThat(keys.findAllByOrderByCreatedAtAscIdAsc()).map(ApiKey::owner)
                .containsSubsequence("carol", "bob", "dave").hasSize(before.size() + 3);
    }

    @Test
    void onlyUnrevokedAdminKeysCountAsActiveAdmins() {
        long admins = keys.countByRoleAndRevokedAtIsNull(Role.ADMIN);
        ApiKey first = save("root", Role.ADMIN, KeySecret.generate());
        save("ops", Role.ADMIN, KeySecret.generate());
        save("user", Role.USER, KeySecret.generate());
        assertThat(keys.countByRoleAndRevokedAtIsNull(Role.ADMIN)).isEqualTo(admins + 2);

        first.revoke(clock.instant());
        keys.saveAndFlush(first);
        assertThat(keys.countByRoleAndRevokedAtIsNull(Role.ADMIN)).isEqualTo(admins + 1);
    }
}

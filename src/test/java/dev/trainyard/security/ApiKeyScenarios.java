package dev.trainyard.security;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.trainyard.support.ApiClient;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * API keys end to end: storage, authentication, roles and the admin API.
 * Runs on H2 ({@link ApiKeyH2IT}) and PostgreSQL ({@link ApiKeyPostgresIT}); it makes its own owners
 * so it does not depend on what else is in the database.
 */
abstract class ApiKeyScenarios {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService service;

    @Autowired
    ApiKeyRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    ApiClient api;
    String adminKey;
    String owner;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        adminKey = service.create("scenario admin", "admin", Role.ADMIN).secret().value();
        owner = "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void onlyTheHashOfASecretIsStoredAndItFindsTheKey() {
        ApiKeyService.CreatedKey created = service.create("laptop", owner, Role.USER);
        String secret = created.secret().value();
        String stored = jdbc.queryForObject("select secret_hash from api_key where public_id = ?", String.class,
                created.key().publicId());
        Integer rowsHoldingTheSecret = jdbc.queryForObject("select count(*) from api_key where secret_hash = ? "
                + "or prefix = ? or name = ?", Integer.class, secret, secret, secret);

        assertThat(stored).hasSize(64).isEqualTo(KeySecret.sha256(secret)).isNotEqualTo(secret);
        assertThat(rowsHoldingTheSecret).isZero();
        assertThat(repository.findBySecretHash(stored)).get().extracting(ApiKey::owner).isEqualTo(owner);
        assertThat(repository.findByPublicId(created.key().publicId())).isPresent();
    }

    @Test
    void aSecretCannotBeStoredTwice() {
        KeySecret secret = KeySecret.generate();
        service.create("first", owner, Role.USER, secret);
        assertThatThrownBy(() -> service.create("second", owner, Role.USER, secret))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void missingKeyIsUnauthorizedAndSaysHowToSendOne() {
        Reply reply = api.get("/api/v1/me");
        JsonNode problem = assertProblem(reply, 401, "unauthenticated");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(problem.path("detail").asString()).contains("Authorization: Bearer", "X-API-Key");
    }

    @Test
    void wrongKeyIsUnauthorized() {
        JsonNode problem = assertProblem(api.get("/api/v1/me", "Authorization", "Bearer ty_not-a-real-key"), 401,
                "unauthenticated");
        assertThat(problem.path("detail").asString()).contains("not valid");
    }

    @Test
    void keyWorksAsBearerOrAsXApiKey() {
        String key = service.create("laptop", owner, Role.USER).secret().value();
        for (String[] header : List.of(new String[] {"Authorization", "Bearer " + key},
                new String[] {"Authorization", "bearer " + key}, new String[] {"X-API-Key", key})) {
            Reply reply = api.get("/api/v1/me", header);
            assertThat(reply.status()).as(header[0]).isEqualTo(200);
            assertThat(reply.json().path("owner").asString()).isEqualTo(owner);
            assertThat(reply.json().path("role").asString()).isEqualTo("user");
        }
    }

    @Test
    void userKeyCannotManageKeys() {
        String key = service.create("laptop", owner, Role.USER).secret().value();
        assertProblem(api.get("/api/v1/keys", "X-API-Key", key), 403, "forbidden");
        assertProblem(api.send("POST", "/api/v1/keys", "{\"owner\":\"mallory\",\"role\":\"admin\"}",
                "X-API-Key", key, "Content-Type", "application/json"), 403, "forbidden");
    }

    @Test
    void adminCreatesListsAndRevokesAKey() {
        Reply created = api.send("POST", "/api/v1/keys", "{\"owner\":\"" + owner + "\",\"name\":\"ci\"}",
                "X-API-Key", adminKey, "Content-Type", "application/json");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("key").path("id").asString();
        String secret = created.json().path("secret").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/keys/" + id);
        assertThat(created.json().path("key").path("role").asString()).isEqualTo("user");
        assertThat(secret).startsWith("ty_").hasSizeGreaterThan(40);
        assertThat(api.get("/api/v1/me", "X-API-Key", secret).json().path("owner").asString()).isEqualTo(owner);

        Reply listed = api.get("/api/v1/keys", "X-API-Key", adminKey);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain(secret);

        assertThat(api.send("DELETE", "/api/v1/keys/" + id, null, "X-API-Key", adminKey).status()).isEqualTo(204);
        assertThat(api.send("DELETE", "/api/v1/keys/" + id, null, "X-API-Key", adminKey).status()).isEqualTo(204);
        JsonNode problem = assertProblem(api.get("/api/v1/me", "X-API-Key", secret), 401, "unauthenticated");
        assertThat(problem.path("detail").asString()).contains("revoked");
        assertThat(api.get("/api/v1/keys/" + id, "X-API-Key", adminKey).json().path("revokedAt").isMissingNode())
                .isFalse();
    }

    @Test
    void aKeyRevokedOnAnotherNodeStopsWorkingHereWithinTheKeyCacheTtl() {
        ApiKeyService.CreatedKey created = service.create("elsewhere", owner, Role.USER);
        String secret = created.secret().value();
        assertThat(api.get("/api/v1/me", "X-API-Key", secret).status()).isEqualTo(200);
        // as another node revokes it: in the database, not through this node's service
        jdbc.update("update api_key set revoked_at = ? where public_id = ?", java.sql.Timestamp.from(Instant.now()),
                created.key().publicId());
        assertThat(api.get("/api/v1/me", "X-API-Key", secret).status()).as("still cached here").isEqualTo(200);

        clock.advance(Duration.ofSeconds(3)); // past trainyard.security.key-cache-ttl (2s)
        JsonNode problem = assertProblem(api.get("/api/v1/me", "X-API-Key", secret), 401, "unauthenticated");
        assertThat(problem.path("detail").asString()).contains("revoked");
    }

    @Test
    void unknownKeyIdIsNotFound() {
        assertProblem(api.get("/api/v1/keys/" + UUID.randomUUID(), "X-API-Key", adminKey), 404, "not-found");
    }

    @Test
    void theLastActiveAdminKeyCannotBeRevoked() {
        ApiKeyService.CreatedKey last = service.create("the only admin", "admin", Role.ADMIN);
        UUID lastId = last.key().publicId();
        repository.findAll().stream()
                .filter(key -> key.role() == Role.ADMIN && !key.isRevoked() && !key.publicId().equals(lastId))
                .forEach(key -> {
                    key.revoke(Instant.now());
                    repository.save(key);
                });
        assertThat(repository.countByRoleAndRevokedAtIsNull(Role.ADMIN)).isEqualTo(1);

        Reply reply = api.send("DELETE", "/api/v1/keys/" + lastId, null, "X-API-Key", last.secret().value());
        JsonNode problem = assertProblem(reply, 409, "conflict");
        assertThat(problem.path("detail").asString()).contains("last active admin key", "Create another admin key");
        assertThat(service.get(lastId).isRevoked()).isFalse();
    }

    @Test
    void publicEndpointsIgnoreKeys() {
        assertThat(api.get("/actuator/health", "X-API-Key", "wrong").status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", "Authorization", "Bearer wrong").status()).isEqualTo(200);
    }
}

package dev.trainyard.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.trainyard.security.TestKeys;
import tools.jackson.databind.JsonNode;

/** Scenarios that talk to a whole running service over HTTP, each test as a new user of its own. */
public abstract class ApiScenarios {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected JdbcTemplate jdbc;

    protected ApiClient api;
    protected String owner;
    protected String key;

    /** POSTs JSON that must be accepted (202) and returns the id of what it created. */
    protected String accepted(String path, String body) {
        ApiClient.Reply reply = api.send("POST", path, body, "X-API-Key", key, "Content-Type", "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().path("id").asString();
    }

    /** GETs a resource as this user until it satisfies {@code done}; fails after {@code timeout}. */
    protected JsonNode awaitResource(String path, Predicate<JsonNode> done, Duration timeout) {
        AtomicReference<JsonNode> shown = new AtomicReference<>();
        await().alias("waiting for " + path).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    shown.set(api.get(path, "X-API-Key", key).json());
                    assertThat(done.test(shown.get())).as("%s now %s", path, shown.get()).isTrue();
                });
        return shown.get();
    }

    /** Connects as a new user whose name starts with {@code prefix}. */
    protected void connectAs(String prefix) {
        api = new ApiClient(port);
        owner = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        key = TestKeys.user(context, owner);
    }
}

package dev.trainyard.security;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.trainyard.TrainyardApplication;
import dev.trainyard.support.ApiClient;

/**
 * Starts the real application the way a user does, on an H2 file database in a fresh data
 * directory, and restarts it: the first admin key, its file, and what survives a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class NodeStartupIT {

    @TempDir
    Path dataDir;

    @Test
    void firstStartWritesAnOwnerOnlyKeyFileAndLogsWhereNotWhat(CapturedOutput output) throws IOException {
        try (ConfigurableApplicationContext node = start()) {
            Path file = dataDir.resolve("admin-api-key");
            String key = Files.readString(file).strip();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("trainyard.mv.db"))))
                    .as("the embedded database file").isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(output.getOut()).contains(file.toAbsolutePath().toString()).doesNotContain(key);
            var me = api(node).get("/api/v1/me", "Authorization", "Bearer " + key).json();
            assertThat(me.path("owner").asString()).isEqualTo("admin");
            assertThat(me.path("role").asString()).isEqualTo("admin");
        }
    }

    @Test
    void keysAndDataSurviveARestart(CapturedOutput output) throws IOException {
        String adminKey;
        String userKey;
        try (ConfigurableApplicationContext node = start()) {
            adminKey = Files.readString(dataDir.resolve("admin-api-key")).strip();
            userKey = api(node).send("POST", "/api/v1/keys", "{\"owner\":\"alice\"}", "X-API-Key", adminKey,
                    "Content-Type", "application/json").json().path("secret").asString();
        }
        Files.delete(dataDir.resolve("admin-api-key"));
        try (ConfigurableApplicationContext node = start()) {
            ApiClient api = api(node);
            assertThat(api.get("/api/v1/me", "X-API-Key", adminKey).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/me", "X-API-Key", userKey).json().path("owner").asString()).isEqualTo("alice");
            assertThat(api.get("/api/v1/keys", "X-API-Key", adminKey).json()).hasSize(2);
            assertThat(dataDir.resolve("admin-api-key")).as("no second bootstrap on a used database").doesNotExist();
        }
        assertThat(output.getOut().split("Created the first admin API key", -1)).hasSize(2);
    }

    @Test
    void anOperatorChosenBootstrapKeyIsUsedInsteadOfAFile(CapturedOutput output) {
        String chosen = "compose-" + "k".repeat(40);
        try (ConfigurableApplicationContext node = start("trainyard.security.bootstrap-key=" + chosen)) {
            assertThat(api(node).get("/api/v1/keys", "X-API-Key", chosen).status()).isEqualTo(200);
            assertThat(dataDir.resolve("admin-api-key")).doesNotExist();
            assertThat(output.getOut()).contains("TRAINYARD_BOOTSTRAP_KEY").doesNotContain(chosen);
        }
    }

    @Test
    void aConfiguredBaseUrlIsEveryLocationWhateverHostTheClientSends() {
        try (ConfigurableApplicationContext node = start("trainyard.node.base-url=https://trainyard.example.com/ml/",
                "trainyard.security.bootstrap-key=" + "b".repeat(40))) {
            var created = api(node).send("POST", "/api/v1/datasets/generate", "{\"kind\": \"xor\", \"samples\": 50}",
                    "Authorization", "Bearer " + "b".repeat(40), "Content-Type", "application/json", "Host",
                    "evil.example:9999");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("Location")).isEqualTo("https://trainyard.example.com/ml/api/v1/datasets/"
                    + created.json().path("id").asString());
        }
    }

    @Test
    void aShortBootstrapKeyStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> start("trainyard.security.bootstrap-key=short").close())
                .hasStackTraceContaining("TRAINYARD_BOOTSTRAP_KEY must have at least 32 characters, had 5");
    }

    @Test
    void aWorkerOnlyNodeRefusesTheApiButReportsHealth() {
        try (ConfigurableApplicationContext node = start("trainyard.node.role=worker")) {
            ApiClient api = api(node);
            assertProblem(api.get("/api/v1/me"), 503, "service-unavailable");
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            assertThat(dataDir.resolve("admin-api-key")).as("only API nodes bootstrap keys").doesNotExist();
        }
    }

    /** Starts a node like {@code java -jar} does; {@code overrides} are {@code name=value} pairs. */
    private ConfigurableApplicationContext start(String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("trainyard.node.data-dir", dataDir.toString());
        settings.put("trainyard.worker.warm-up", "false");
        settings.put("trainyard.security.bootstrap-key", "");
        for (String override : overrides) {
            settings.put(override.substring(0, override.indexOf('=')), override.substring(override.indexOf('=') + 1));
        }
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TrainyardApplication.class).run(args);
    }

    private static ApiClient api(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort());
    }
}

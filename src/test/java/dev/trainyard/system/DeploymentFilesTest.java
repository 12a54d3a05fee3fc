package dev.trainyard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine where the tests run, so the deployment files are checked by reading
 * them: the compose file parses, uses only known keys, and its references resolve; the Dockerfile
 * has the shape the operations guide promises.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("services", "volumes", "networks", "secrets", "configs");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "depends_on", "env_file", "environment",
            "ports", "volumes", "healthcheck", "restart", "command", "entrypoint", "deploy", "networks", "expose",
            "user", "working_dir", "labels", "logging", "stop_grace_period", "mem_limit", "cpus", "ulimits");
    private static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries", "start_period");

    @Test
    @SuppressWarnings("unchecked")
    void composeFileUsesKnownKeysAndItsReferencesResolve() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        assertThat(TOP_LEVEL_KEYS).containsAll(compose.keySet());
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Set<String> volumes = ((Map<String, Object>) compose.get("volumes")).keySet();

        assertThat(services).containsKeys("postgres", "trainyard", "worker");
        services.forEach((name, service) -> {
            assertThat(SERVICE_KEYS).as("keys of service %s", name).containsAll(service.keySet());
            assertThat(service.containsKey("image") || service.containsKey("build"))
                    .as("service %s has an image or a build", name).isTrue();
            if (service.get("healthcheck") instanceof Map<?, ?> health) {
                assertThat(HEALTHCHECK_KEYS).as("healthcheck of %s", name).containsAll((Set<String>) health.keySet());
            }
            if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
                assertThat(services.keySet()).as("depends_on of %s", name).containsAll((Set<String>) dependencies.keySet());
            }
            if (service.get("env_file") instanceof String envFile) {
                assertThat(ROOT.resolve(envFile)).as("env_file of %s", name).isRegularFile();
            }
            for (Object mount : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = mount.toString().split(":")[0];
                assertThat(volumes).as("named volume %s of %s is declared", source, name).contains(source);
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTrainyardOnPostgresWithABootstrapKeyAndAWorkerOnlyReplica() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        String env = Files.readString(ROOT.resolve("docker/trainyard.env"));
        Map<String, Object> api = (Map<String, Object>) services.get("trainyard").get("environment");
        Map<String, Object> worker = (Map<String, Object>) services.get("worker").get("environment");

        assertThat(env).contains("SPRING_PROFILES_ACTIVE=postgres", "TRAINYARD_DB_URL=jdbc:postgresql://postgres:5432/");
        assertThat(api.get("TRAINYARD_BOOTSTRAP_KEY").toString()).startsWith("${TRAINYARD_BOOTSTRAP_KEY:?");
        assertThat(worker).containsEntry("TRAINYARD_NODE_ROLE", "worker").doesNotContainKey("TRAINYARD_BOOTSTRAP_KEY");
        assertThat(services.get("worker")).doesNotContainKey("ports");
        assertThat(services.get("worker").get("image")).isEqualTo(services.get("trainyard").get("image"));
    }

    @Test
    void dockerfileBuildsInOneStageAndRunsAsANonRootUserOnAJre() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> stages = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results()
                .map(match -> match.group(1)).toList();

        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).contains("-jdk");
        assertThat(stages.get(1)).contains("-jre");
        assertThat(dockerfile).containsPattern("(?m)^USER trainyard$").containsPattern("(?m)^VOLUME /data$")
                .containsPattern("(?m)^HEALTHCHECK ").contains("javacpp.maxbytes", "javacpp.cachedir",
                        "MaxRAMPercentage", "TRAINYARD_NODE_DATA_DIR=/data");
        Matcher copies = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(dockerfile);
        while (copies.find()) {
            assertThat(ROOT.resolve(copies.group(1))).as("COPY source %s", copies.group(1)).exists();
        }
        assertThat(Files.isExecutable(ROOT.resolve("docker/healthcheck.sh"))).isTrue();
    }
}

package dev.trainyard.support;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides where PostgreSQL tests get their database:
 * <ol>
 *   <li>{@code TEST_POSTGRES_URL} (with {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD}) when set;</li>
 *   <li>else a Testcontainers PostgreSQL when a Docker engine answers;</li>
 *   <li>else the tests are skipped, unless {@code TEST_POSTGRES_REQUIRED=true}, which makes that a failure.</li>
 * </ol>
 * Used through {@link PostgresStack}.
 */
public final class PostgresTestDatabase implements ExecutionCondition {

    record Connection(String url, String user, String password, String source) {
    }

    private static Optional<Connection> connection;

    static synchronized Optional<Connection> connection() {
        if (connection == null) {
            connection = resolve();
        }
        return connection;
    }

    private static Optional<Connection> resolve() {
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return Optional.of(new Connection(url, env("TEST_POSTGRES_USER", "postgres"),
                    env("TEST_POSTGRES_PASSWORD", ""), "TEST_POSTGRES_URL"));
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return Optional.of(new Connection(container.getJdbcUrl(), container.getUsername(),
                    container.getPassword(), "Testcontainers"));
        }
        return Optional.empty();
    }

    static boolean required() {
        return Boolean.parseBoolean(env("TEST_POSTGRES_REQUIRED", "false"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Connection> found = connection();
        if (found.isPresent()) {
            return ConditionEvaluationResult.enabled("PostgreSQL from " + found.get().source());
        }
        String why = "no PostgreSQL for the integration tests: set TEST_POSTGRES_URL (and TEST_POSTGRES_USER, "
                + "TEST_POSTGRES_PASSWORD) or start a Docker engine";
        if (required()) {
            throw new IllegalStateException("TEST_POSTGRES_REQUIRED=true but there is " + why);
        }
        return ConditionEvaluationResult.disabled("Skipped: " + why + " (TEST_POSTGRES_REQUIRED=true turns this "
                + "skip into a failure)");
    }

    /** Points the Spring context at the chosen database, ahead of every other property source. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Connection db = connection().orElseThrow(() -> new IllegalStateException("no PostgreSQL available"));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-postgres", Map.of(
                    "spring.datasource.url", db.url(),
                    "spring.datasource.username", db.user(),
                    "spring.datasource.password", db.password())));
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

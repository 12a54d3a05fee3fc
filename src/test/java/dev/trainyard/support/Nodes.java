package dev.trainyard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import dev.trainyard.TrainyardApplication;

/**
 * More nodes of the service on the database of a test's context: in this JVM (a second Spring application), or in a
 * child JVM that a test can kill like a crashed machine.
 */
public final class Nodes {

    private Nodes() {
    }

    /**
     * Starts another node in this JVM; {@code properties} are {@code key=value} settings, given as command-line
     * arguments so they win over the profiles' files, as they would for a real node.
     */
    public static ConfigurableApplicationContext start(ApplicationContext sameDatabaseAs, String... properties) {
        return start(sameDatabaseAs, new Class<?>[0], properties);
    }

    /** Starts another node in this JVM with a test's {@code configuration} (beans) added to the service's own. */
    public static ConfigurableApplicationContext start(ApplicationContext sameDatabaseAs, Class<?> configuration,
            String... properties) {
        return start(sameDatabaseAs, new Class<?>[] {configuration}, properties);
    }

    private static ConfigurableApplicationContext start(ApplicationContext sameDatabaseAs, Class<?>[] configurations,
            String... properties) {
        List<String> settings = new ArrayList<>(database(sameDatabaseAs));
        settings.add("server.port=0");
        settings.addAll(List.of(properties));
        return new SpringApplicationBuilder(TrainyardApplication.class).sources(configurations)
                .profiles(sameDatabaseAs.getEnvironment().getActiveProfiles())
                .run(settings.stream().map(setting -> "--" + setting).toArray(String[]::new));
    }

    /** Starts a node in a child JVM, its output in {@code log}. */
    public static Process startProcess(ApplicationContext sameDatabaseAs, Path log, String... properties)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                TrainyardApplication.class.getName(),
                "--spring.profiles.active=" + String.join(",", sameDatabaseAs.getEnvironment().getActiveProfiles()),
                "--server.port=0"));
        database(sameDatabaseAs).forEach(setting -> command.add("--" + setting));
        List.of(properties).forEach(setting -> command.add("--" + setting));
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> database(ApplicationContext context) {
        HikariDataSource pool;
        try {
            pool = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
        } catch (java.sql.SQLException notHikari) {
            throw new IllegalStateException(notHikari);
        }
        return List.of("spring.datasource.url=" + pool.getJdbcUrl(), "spring.datasource.username=" + pool.getUsername(),
                "spring.datasource.password=" + (pool.getPassword() == null ? "" : pool.getPassword()));
    }
}

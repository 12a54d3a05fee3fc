package dev.trainyard.support;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An in-memory H2 database with the service's migrations applied, for tests of SQL that need no Spring context. Each
 * name is its own database, kept while the JVM runs.
 */
public final class MigratedH2 {

    private MigratedH2() {
    }

    /** Database {@code name}, migrated up to {@code version} (null: every migration). */
    public static DataSource migrated(String name, String version) {
        DataSource data = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        migrate(data, version);
        return data;
    }

    public static void migrate(DataSource data, String version) {
        var flyway = Flyway.configure().dataSource(data).locations("classpath:db/migration")
                .placeholders(Map.of("binary", "varbinary(1000000000)"));
        (version == null ? flyway : flyway.target(version)).load().migrate();
    }
}

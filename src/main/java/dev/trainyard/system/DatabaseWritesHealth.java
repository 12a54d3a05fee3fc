package dev.trainyard.system;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code databaseWrites} in /actuator/health and in readiness: inserts a row into {@code write_probe} and rolls it
 * back. Boot's {@code db} indicator only reads, and a database that reads but refuses every write (as H2 2.4 did once
 * the pool had replaced its first connections) must take the node out of service rather than answer each write with
 * an error. Bounded by a query timeout so a stuck database makes the probe fail instead of hang.
 */
@Component("databaseWrites")
class DatabaseWritesHealth implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String node;

    DatabaseWritesHealth(DataSource dataSource, NodeProperties node) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout((int) TIMEOUT.toSeconds());
        this.transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.transaction.setTimeout((int) TIMEOUT.toSeconds());
        this.node = node.name();
    }

    @Override
    public Health health() {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("insert into write_probe (node, status, at) values (?, 'PROBE', current_timestamp)", node);
                status.setRollbackOnly();
            });
            return Health.up().build();
        } catch (DataAccessException | org.springframework.transaction.TransactionException refused) {
            return Health.down().withDetail("reason", "the database refused a write: "
                    + Databases.rootMessage(refused)).build();
        }
    }
}

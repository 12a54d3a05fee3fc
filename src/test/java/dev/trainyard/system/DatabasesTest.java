package dev.trainyard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;

/** Errors as H2 2.5 and PostgreSQL 15 report them (states, codes and messages copied from their answers). */
class DatabasesTest {

    @Test
    void aUniqueViolationIsRecognisedByItsConstraintOnEitherDatabase() {
        var h2 = new DataIntegrityViolationException("could not execute statement", new SQLException(
                "Unique index or primary key violation: \"PUBLIC.UK_JOB_IDEMPOTENCY_INDEX_1 ON PUBLIC.JOB(OWNER, "
                        + "IDEMPOTENCY_KEY) VALUES ( /* 3 */ 'a', 'k' )\"", "23505", 23505));
        var postgres = new DataIntegrityViolationException("x", new SQLException(
                "ERROR: duplicate key value violates unique constraint \"uk_job_idempotency\"", "23505"));

        assertThat(Databases.uniqueViolation(h2, "uk_job_idempotency")).isTrue();
        assertThat(Databases.uniqueViolation(postgres, "uk_job_idempotency")).isTrue();
        assertThat(Databases.uniqueViolation(postgres, "uk_dataset_owner_checksum")).isFalse();
    }

    @Test
    void aForeignKeyToARowThatIsGoneIsRecognisedByItsConstraintOnEitherDatabase() {
        var h2 = new DataIntegrityViolationException("could not execute statement", new SQLException(
                "Referential integrity constraint violation: \"FK_JOB_DERIVED_FROM: PUBLIC.JOB FOREIGN KEY(DERIVED_FROM) "
                        + "REFERENCES PUBLIC.JOB(ID) (CAST(99 AS BIGINT))\"", "23506", 23506));
        var postgres = new DataIntegrityViolationException("x", new SQLException("ERROR: insert or update on table "
                + "\"job\" violates foreign key constraint \"fk_job_derived_from\"", "23503"));

        assertThat(Databases.missingParent(h2, "fk_job_derived_from")).isTrue();
        assertThat(Databases.missingParent(postgres, "fk_job_derived_from")).isTrue();
        assertThat(Databases.missingParent(postgres, "fk_job_param_job")).isFalse();
        assertThat(Databases.uniqueViolation(postgres, "fk_job_derived_from")).isFalse();
    }

    @Test
    void aCheckConstraintThatFailsIsNeitherAUniqueViolationNorTransient() {
        var broken = new DataIntegrityViolationException("x", new SQLException(
                "Check constraint invalid: \"CK_JOB_STATUS: \"", "23514", 23514));

        assertThat(Databases.uniqueViolation(broken, "uk_job_idempotency")).isFalse();
        assertThat(Databases.isTransient(broken)).isFalse();
    }

    @Test
    void killedConnectionsDeadlocksAndLockTimeoutsAreTransient() {
        assertThat(Databases.isTransient(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(Databases.isTransient(new SQLException("An I/O error occurred while sending to the backend.",
                "08006"))).isTrue();
        assertThat(Databases.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(Databases.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(Databases.isTransient(new SQLException("Timeout trying to lock table", "HYT00", 50200))).isTrue();
        assertThat(Databases.isTransient(new SQLException("Database is already closed", "90121", 90121))).isTrue();
        assertThat(Databases.isTransient(new SQLException("syntax error", "42601"))).isFalse();
    }

    @Test
    void aFailedRollbackOnAClosedConnectionIsTransientThroughItsCauseOrWhatItSuppressed() {
        var rollback = new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed")));
        assertThat(Databases.isTransient(rollback)).isTrue();

        var masked = new IllegalStateException("rollback failed");
        masked.addSuppressed(new SQLException("terminating connection", "57P01"));
        assertThat(Databases.isTransient(masked)).isTrue();
        assertThat(Databases.isTransient(new IllegalStateException("a bug"))).isFalse();
    }
}

package dev.trainyard.system;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a database error means, the same way on H2 and PostgreSQL: which constraint a unique violation hit (so only the
 * race a caller expects is answered as that race, and any other failure stays an error), and whether an error is
 * transient (a closed connection, a serialization failure, a lock timeout, a deadlock) so that trying again can work.
 */
public final class Databases {

    /** SQLState classes that a retry can clear: connection exception, transaction rollback (40001 serialization,
     * 40P01 deadlock), lock not available (55P03), operator intervention (57P01 terminated by administrator). */
    private static final String[] TRANSIENT_STATES = {"08", "40", "55P03", "57P", "HYT00", "HY008"};
    /** H2's codes: lock timeout (50200), deadlock (40001 is its state too), database closed (90098, 90121), and a
     * connection broken (90067). */
    private static final int[] H2_TRANSIENT_CODES = {50200, 90098, 90121, 90067, 90135};

    /** What Hikari's proxy of a connection it has closed throws, without an SQLState. */
    private static final String CLOSED_PROXY = "Connection is closed";

    private Databases() {
    }

    /** Whether {@code error} is a unique-key violation of {@code constraint} (its name in any case). */
    public static boolean uniqueViolation(Throwable error, String constraint) {
        return violation(error, constraint, "23505");
    }

    /**
     * Whether {@code error} is a row that foreign key {@code constraint} (its name in any case) refers through to a
     * row that is not there, such as one deleted by a transaction that committed meanwhile. PostgreSQL says 23503,
     * H2 23506.
     */
    public static boolean missingParent(Throwable error, String constraint) {
        return violation(error, constraint, "23503", "23506");
    }

    private static boolean violation(Throwable error, String constraint, String... states) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && List.of(states).contains(sql.getSQLState())
                    && sql.getMessage() != null
                    && sql.getMessage().toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether trying {@code error}'s statement again, on another connection if need be, can succeed. Suppressed
     * exceptions count too: a rollback that fails on a dead connection hides the error that killed it.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            for (Throwable hidden : cause.getSuppressed()) {
                if (isTransient(hidden)) {
                    return true;
                }
            }
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotGetJdbcConnectionException || cause instanceof QueryTimeoutException
                    || cause instanceof PessimisticLockingFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientState(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(SQLException sql) {
        if (sql.getSQLState() == null && CLOSED_PROXY.equals(sql.getMessage())) {
            return true;
        }
        String state = sql.getSQLState();
        if (state != null) {
            for (String prefix : TRANSIENT_STATES) {
                if (state.startsWith(prefix)) {
                    return true;
                }
            }
        }
        for (int code : H2_TRANSIENT_CODES) {
            if (sql.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of {@code error}, for logs and health details. */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

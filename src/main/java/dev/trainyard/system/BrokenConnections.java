package dev.trainyard.system;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the pool to drop a connection at the first error that says it is broken. Hikari recognises PostgreSQL's and
 * the SQL standard's connection states by itself, but not H2's "database closed" codes of a session that was closed
 * under it: without this, such a connection goes back to the pool and fails every borrower that gets it, for as long
 * as it is never idle long enough to be validated. Set as {@code spring.datasource.hikari.exception-override-class-name}.
 */
public class BrokenConnections implements SQLExceptionOverride {

    /** H2: connection broken, database closed, closed at shutdown. */
    private static final int[] H2_BROKEN = {90067, 90098, 90121};

    @java.lang.Override
    public Override adjudicate(SQLException error) {
        for (int code : H2_BROKEN) {
            if (error.getErrorCode() == code) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}

package dev.trainyard.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class DurabilityPostgresIT extends DurabilityScenarios {

    /** Only this database's backends: other test databases on the same server are left alone. */
    @Override
    int killOtherConnections(Connection own) throws SQLException {
        try (Statement statement = own.createStatement(); ResultSet killed = statement.executeQuery(
                "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            killed.next();
            return killed.getInt(1);
        }
    }
}

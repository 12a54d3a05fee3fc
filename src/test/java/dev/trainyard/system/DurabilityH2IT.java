package dev.trainyard.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.test.context.TestPropertySource;

import dev.trainyard.support.H2Stack;

/** On H2 in file mode, as {@code ./mvnw spring-boot:run} runs it. */
@H2Stack
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:file:./target/test-data/durability-${random.uuid}/"
        + "trainyard;DB_CLOSE_ON_EXIT=FALSE")
class DurabilityH2IT extends DurabilityScenarios {

    @Override
    int killOtherConnections(Connection own) throws SQLException {
        List<Integer> sessions = new ArrayList<>();
        try (Statement statement = own.createStatement(); ResultSet others = statement.executeQuery(
                "select session_id from information_schema.sessions where session_id <> session_id()")) {
            while (others.next()) {
                sessions.add(others.getInt(1));
            }
        }
        int killed = 0;
        for (int session : sessions) {
            try (Statement statement = own.createStatement();
                    ResultSet aborted = statement.executeQuery("select abort_session(" + session + ")")) {
                killed += aborted.next() && aborted.getBoolean(1) ? 1 : 0;
            }
        }
        return killed;
    }
}

package dev.trainyard.job;

import org.springframework.jdbc.core.JdbcTemplate;

/** Tests that claim jobs start from an empty queue: on a database shared by test classes, earlier jobs are set aside. */
public final class TestQueue {

    private TestQueue() {
    }

    public static void clear(JdbcTemplate jdbc) {
        jdbc.update("update job set status = 'CANCELLED', lease_owner = null, lease_until = null, "
                + "finished_at = current_timestamp where status in ('QUEUED', 'RUNNING')");
    }
}

package dev.trainyard.job;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tests that claim jobs start from an empty queue: on a database shared by test classes, earlier jobs are set aside.
 * The queue's deadlines (a lease, a retry's backoff) are on the database's clock; a test moves one into the past
 * instead of waiting for it.
 */
public final class TestQueue {

    private TestQueue() {
    }

    public static void clear(JdbcTemplate jdbc) {
        jdbc.update("update job set status = 'CANCELLED', lease_owner = null, lease_until = null, "
                + "finished_at = current_timestamp where status in ('QUEUED', 'RUNNING')");
    }

    /** The running job's lease ran out a second ago, as if its node had stopped renewing it. */
    public static void expireLease(JdbcTemplate jdbc, String id) {
        int expired = jdbc.update("update job set lease_until = current_timestamp - interval '1' second "
                + "where public_id = ? and status = 'RUNNING'", UUID.fromString(id));
        if (expired != 1) {
            throw new IllegalStateException("job " + id + " is not running");
        }
    }

    /** The queued job's retry backoff ended a second ago. */
    public static void endBackoff(JdbcTemplate jdbc, String id) {
        int ended = jdbc.update("update job set not_before = current_timestamp - interval '1' second "
                + "where public_id = ? and status = 'QUEUED' and not_before is not null", UUID.fromString(id));
        if (ended != 1) {
            throw new IllegalStateException("job " + id + " is not backing off");
        }
    }
}

package dev.trainyard.job;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes the job_transition rows that record every change of a job's status, after checking it is allowed. */
@Component
class Transitions {

    static final int MAX_TEXT = 4000;

    private final JdbcTemplate jdbc;

    Transitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(long jobId, JobStatus from, JobStatus to, int attempt, String node, String reason) {
        if (from != null && !from.canMoveTo(to)) {
            throw new IllegalStateException("a job cannot move from " + from + " to " + to);
        }
        jdbc.update("insert into job_transition (job_id, from_status, to_status, attempt, node, reason, at) "
                + "values (?, ?, ?, ?, ?, ?, current_timestamp)", jobId, from == null ? null : from.name(), to.name(),
                attempt, node, clip(reason));
    }

    static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}

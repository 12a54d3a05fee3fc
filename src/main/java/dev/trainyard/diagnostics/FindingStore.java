package dev.trainyard.diagnostics;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The findings kept per job in {@code job_finding}: one row per (rule, layers), updated in place as the history grows
 * and across retries and resumes; a finding that no longer holds is kept inactive with the time it was first raised.
 */
@Component
class FindingStore {

    /** A finding to keep: its key, rule, severity and body (the API's view without its raisedAt, as JSON). */
    record Row(String key, String rule, String severity, String body) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    FindingStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Makes {@code current} the job's active findings; returns when each was first raised, by key. The job's row is
     * locked meanwhile, so two evaluations of one job (a request and the refresh after an epoch, or two nodes) take
     * turns; an empty map when the job is gone.
     */
    @Transactional
    Map<String, Timestamp> replace(long jobKey, List<Row> current) {
        if (jdbc.queryForList("select id from job where id = ? for update", Long.class, jobKey).isEmpty()) {
            return Map.of();
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("update job_finding set active = false, updated_at = ? where job_id = ? and active", now, jobKey);
        for (Row row : current) {
            if (update(jobKey, row, now) == 0) {
                jdbc.update("insert into job_finding (job_id, finding_key, rule, severity, active, body, raised_at, "
                        + "updated_at) values (?, ?, ?, ?, true, ?, ?, ?)", jobKey, row.key(), row.rule(),
                        row.severity(), row.body(), now, now);
            }
        }
        jdbc.update("update job set diagnosed_at = current_timestamp where id = ?", jobKey);
        Map<String, Timestamp> raised = new HashMap<>();
        jdbc.query("select finding_key, raised_at from job_finding where job_id = ? and active", rs -> {
            raised.put(rs.getString(1), rs.getTimestamp(2));
        }, jobKey);
        return raised;
    }

    private int update(long jobKey, Row row, Timestamp now) {
        return jdbc.update("update job_finding set severity = ?, body = ?, active = true, updated_at = ? where job_id = ? "
                + "and finding_key = ?", row.severity(), row.body(), now, jobKey, row.key());
    }
}

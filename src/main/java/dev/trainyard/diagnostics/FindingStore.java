package dev.trainyard.diagnostics;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate transactions;
    private final Clock clock;

    FindingStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Makes {@code current} the job's active findings; returns when each was first raised, by key. The job's
     * {@code job_diagnosis} row is locked meanwhile, so two evaluations of one job (a request and the refresh after an
     * epoch, or two nodes) take turns; the job's own row is never locked, so the queue's claims never skip it. An empty
     * map when the job is gone.
     */
    Map<String, Timestamp> replace(long jobKey, List<Row> current) {
        if (!ensureLockRow(jobKey)) {
            return Map.of();
        }
        Map<String, Timestamp> raised = transactions.execute(status -> {
            if (jdbc.queryForList("select job_id from job_diagnosis where job_id = ? for update", Long.class, jobKey)
                    .isEmpty()) {
                return Map.<String, Timestamp>of();
            }
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.update("update job_finding set active = false, updated_at = ? where job_id = ? and active", now,
                    jobKey);
            for (Row row : current) {
                if (update(jobKey, row, now) == 0) {
                    jdbc.update("insert into job_finding (job_id, finding_key, rule, severity, active, body, "
                            + "raised_at, updated_at) values (?, ?, ?, ?, true, ?, ?, ?)", jobKey, row.key(),
                            row.rule(), row.severity(), row.body(), now, now);
                }
            }
            jdbc.update("update job_diagnosis set diagnosed_at = current_timestamp where job_id = ?", jobKey);
            Map<String, Timestamp> byKey = new HashMap<>();
            jdbc.query("select finding_key, raised_at from job_finding where job_id = ? and active", rs -> {
                byKey.put(rs.getString(1), rs.getTimestamp(2));
            }, jobKey);
            return byKey;
        });
        return raised == null ? Map.of() : raised;
    }

    /**
     * Inserts the job's {@code job_diagnosis} row unless it exists, in a statement of its own: a concurrent insert of
     * the same row, or the job deleted meanwhile, fails only that statement. Whether the row exists afterwards.
     */
    private boolean ensureLockRow(long jobKey) {
        try {
            jdbc.update("insert into job_diagnosis (job_id) select id from job where id = ? and not exists "
                    + "(select 1 from job_diagnosis where job_id = ?)", jobKey, jobKey);
        } catch (DataIntegrityViolationException raced) {
            // another evaluation inserted it first, or the job was deleted: the count below tells which
        }
        return jdbc.queryForObject("select count(*) from job_diagnosis where job_id = ?", Integer.class, jobKey) > 0;
    }

    private int update(long jobKey, Row row, Timestamp now) {
        return jdbc.update("update job_finding set severity = ?, body = ?, active = true, updated_at = ? where job_id = ? "
                + "and finding_key = ?", row.severity(), row.body(), now, jobKey, row.key());
    }
}

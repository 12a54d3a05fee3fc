package dev.trainyard.job;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What jobs stored every N epochs while they trained ({@link Probes}): decision boundaries and the models of chosen
 * epochs, by job, kind and 0-based epoch. The worker writes them through {@link JobQueue#snapshot}.
 */
@Component
public class JobSnapshots {

    public static final String DECISION_BOUNDARY = "decision-boundary";
    public static final String MODEL = "model";

    private final JdbcTemplate jdbc;

    JobSnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The epochs a job stored a snapshot of {@code kind} after, in order. */
    public List<Integer> epochs(long jobKey, String kind) {
        return jdbc.queryForList("select epoch from job_snapshot where job_id = ? and kind = ? order by epoch",
                Integer.class, jobKey, kind);
    }

    public Optional<String> body(long jobKey, String kind, int epoch) {
        return jdbc.queryForList("select body from job_snapshot where job_id = ? and kind = ? and epoch = ?",
                String.class, jobKey, kind, epoch).stream().findFirst();
    }
}

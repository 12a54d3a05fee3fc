package dev.trainyard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.trainyard.support.MigratedH2;

/** V12 carries pending cancels and prunes into job.stop_request and gives existing sweeps their history. */
class LifecycleMigrationTest {

    @Test
    void pendingStopsBecomeStopRequestsAndEndedSweepsGetTheirTransitions() {
        DataSource data = MigratedH2.migrated("lifecycle-migration", "10");
        JdbcTemplate jdbc = new JdbcTemplate(data);
        String job = "insert into job (public_id, owner, status, dataset_ref, spec_json, spec_hash, created_at, updated_at, "
                + "cancel_requested, prune_reason) values (?, 'o', ?, 'd', '{}', 'h', current_timestamp, "
                + "current_timestamp, ?, ?)";
        jdbc.update(job, UUID.randomUUID(), "RUNNING", true, null);
        jdbc.update(job, UUID.randomUUID(), "RUNNING", true, "pruned by its sweep");
        jdbc.update(job, UUID.randomUUID(), "PRUNED", false, "pruned by its sweep");
        jdbc.update(job, UUID.randomUUID(), "RUNNING", false, null);
        String sweep = "insert into sweep (public_id, owner, status, request_json, algorithm, metric, maximize, "
                + "max_trials, max_parallel, max_failed, stop_reason, created_at, updated_at, finished_at) values (?, 'o', "
                + "?, '{}', 'grid', 'val_loss', false, 4, 2, 2, ?, timestamp '2020-01-01 00:00:00', current_timestamp, ?)";
        jdbc.update(sweep, UUID.randomUUID(), "RUNNING", null, null);
        jdbc.update(sweep, UUID.randomUUID(), "COMPLETED", "all 4 trials ended",
                java.sql.Timestamp.valueOf("2020-01-02 00:00:00"));

        MigratedH2.migrate(data, null);

        assertThat(jdbc.queryForList("select coalesce(stop_request, '-') from job order by id", String.class))
                .containsExactly("CANCEL", "PRUNE", "-", "-");
        String timed = "case when t.at = (case when t.from_status is null then s.created_at else s.finished_at end) "
                + "then ' (on time)' else ' (at another time)' end";
        assertThat(jdbc.queryForList("select s.status || ': ' || coalesce(t.from_status, '') || '->' || t.to_status || ' '"
                + " || t.reason || " + timed + " from sweep_transition t join sweep s on s.id = t.sweep_id "
                + "order by t.sweep_id, t.id", String.class)).containsExactly("RUNNING: ->RUNNING created (on time)",
                "COMPLETED: ->RUNNING created (on time)", "COMPLETED: RUNNING->COMPLETED all 4 trials ended (on time)");
    }
}

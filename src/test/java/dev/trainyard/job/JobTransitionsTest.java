package dev.trainyard.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.trainyard.support.MigratedH2;

/**
 * Every (from, to) pair of job statuses through the one transition path, on a migrated H2 database and outside any
 * transaction, so a write made before a refusal would stay: an allowed move writes the row and its transition, a
 * forbidden one is refused before any statement is sent.
 */
class JobTransitionsTest {

    /** The job lifecycle as docs/design.md section 4 draws it: x marks an allowed move from the row to the column. */
    static final String LIFECYCLE = """
                       QUEUED  RUNNING  SUCCEEDED  FAILED  PRUNED  CANCELLED
            QUEUED       .        x         .        x       .         x
            RUNNING      x        .         x        x       x         x
            SUCCEEDED    .        .         .        .       .         .
            FAILED       .        .         .        .       .         .
            PRUNED       .        .         .        .       .         .
            CANCELLED    .        .         .        .       .         .
            """;

    static final AtomicInteger WRITES = new AtomicInteger();
    static final JdbcTemplate JDBC = new JdbcTemplate(MigratedH2.migrated("job-transitions", null)) {
        @Override
        public int update(String sql, Object... args) {
            WRITES.incrementAndGet();
            return super.update(sql, args);
        }
    };

    final JobTransitions transitions = new JobTransitions(JDBC);

    /** Every pair of statuses, with whether {@link #LIFECYCLE} allows it. */
    static Stream<Arguments> pairs() {
        List<String[]> rows = LIFECYCLE.lines().map(String::strip).map(line -> line.split("\\s+")).toList();
        String[] columns = rows.get(0);
        return rows.stream().skip(1).flatMap(row -> Arrays.stream(columns).map(column -> Arguments.of(
                JobStatus.valueOf(row[0]), JobStatus.valueOf(column),
                row[1 + Arrays.asList(columns).indexOf(column)].equals("x"))));
    }

    @BeforeEach
    void countFromHere() {
        WRITES.set(0);
    }

    private static long insert(JobStatus status) {
        JDBC.update("insert into job (public_id, owner, status, dataset_ref, spec_json, spec_hash, created_at, updated_at, "
                + "attempt, lease_owner, lease_until, stop_request) values (?, 'o', ?, 'builtin:iris', '{}', 'h', "
                + "timestamp '2020-01-01 00:00:00', timestamp '2020-01-01 00:00:00', 1, 'node#0', current_timestamp, "
                + "'CANCEL')", UUID.randomUUID(), status.name());
        WRITES.set(0);
        return JDBC.queryForObject("select max(id) from job", Long.class);
    }

    private static Map<String, Object> row(long id) {
        return JDBC.queryForMap("select status, updated_at > timestamp '2020-01-01 00:00:00' as touched, finished_at, "
                + "lease_owner, stop_request from job where id = ?", id);
    }

    private static List<String> history(long id) {
        return JDBC.queryForList("select from_status || '->' || to_status || ' ' || attempt || ' ' || node || ' ' "
                + "|| reason from job_transition where job_id = ? order by id", String.class, id);
    }

    @Test
    void theTableCoversEveryPairAndAgreesWithTheStatuses() {
        assertThat(pairs()).hasSize(JobStatus.values().length * JobStatus.values().length);
        pairs().forEach(pair -> {
            Object[] args = pair.get();
            assertThat(((JobStatus) args[0]).canMoveTo((JobStatus) args[1])).as("%s -> %s", args[0], args[1])
                    .isEqualTo(args[2]);
        });
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("pairs")
    void everyMoveIsCheckedBeforeAnythingIsWritten(JobStatus from, JobStatus to, boolean allowed) {
        long id = insert(from);
        if (!allowed) {
            assertThatThrownBy(() -> transitions.move(id, from, to, 1, "node#0"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("a job cannot move from " + from + " to " + to);
            assertThat(WRITES).as("statements sent").hasValue(0);
            assertThat(row(id)).containsEntry("STATUS", from.name()).containsEntry("TOUCHED", false);
            assertThat(history(id)).isEmpty();
            return;
        }
        assertThat(transitions.move(id, from, to, 1, "node#0").because("why").apply()).isTrue();
        Map<String, Object> moved = row(id);
        assertThat(moved).containsEntry("STATUS", to.name()).containsEntry("TOUCHED", true);
        assertThat(moved.get("FINISHED_AT") != null).as("finished_at").isEqualTo(to.finished());
        assertThat(moved.get("LEASE_OWNER") == null).as("lease dropped").isEqualTo(from == JobStatus.RUNNING);
        assertThat(moved.get("STOP_REQUEST") == null).as("stop request dropped").isEqualTo(to.finished());
        assertThat(history(id)).containsExactly(from + "->" + to + " 1 node#0 why");
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("pairs")
    void anAllowedMoveFromAStatusTheRowHasLeftWritesNothing(JobStatus from, JobStatus to, boolean allowed) {
        if (!allowed) {
            return;
        }
        JobStatus elsewhere = from == JobStatus.QUEUED ? JobStatus.RUNNING : JobStatus.QUEUED;
        long id = insert(elsewhere);
        assertThat(transitions.move(id, from, to, 1, null).apply()).isFalse();
        assertThat(row(id)).containsEntry("STATUS", elsewhere.name()).containsEntry("TOUCHED", false);
        assertThat(history(id)).isEmpty();
    }

    @Test
    void aFencedMoveIsWrittenOnlyForTheLeaseThatHoldsTheJob() {
        long id = insert(JobStatus.RUNNING);
        assertThat(transitions.fenced(new Lease(id, "p", "node#1", 1), JobStatus.SUCCEEDED).apply()).as("other owner")
                .isFalse();
        assertThat(transitions.fenced(new Lease(id, "p", "node#0", 2), JobStatus.SUCCEEDED).apply()).as("other attempt")
                .isFalse();
        assertThat(history(id)).isEmpty();
        assertThat(transitions.fenced(new Lease(id, "p", "node#0", 1), JobStatus.SUCCEEDED).because("max_epochs")
                .apply()).isTrue();
        assertThat(history(id)).containsExactly("RUNNING->SUCCEEDED 1 node#0 max_epochs");
        assertThat(transitions.fenced(new Lease(id, "p", "node#0", 1), JobStatus.FAILED).apply()).as("once only")
                .isFalse();
    }

    @Test
    void aSubmittedJobStartsItsHistoryQueued() {
        long id = insert(JobStatus.QUEUED);
        transitions.submitted(id);
        assertThat(JDBC.queryForMap("select from_status, to_status, attempt, reason from job_transition where job_id = ?",
                id)).containsEntry("FROM_STATUS", null).containsEntry("TO_STATUS", "QUEUED").containsEntry("ATTEMPT", 0)
                .containsEntry("REASON", "submitted");
    }
}

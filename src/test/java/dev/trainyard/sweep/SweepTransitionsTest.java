package dev.trainyard.sweep;

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
 * Every (from, to) pair of sweep statuses through the sweep table's transition path, on a migrated H2 database and
 * outside any transaction: an allowed move writes the row and its sweep_transition, a forbidden one is refused before
 * any statement is sent. Then the store's own moves (finish, extend) and the history they leave.
 */
class SweepTransitionsTest {

    /** x marks an allowed move from the row to the column. */
    static final String LIFECYCLE = """
                       RUNNING  COMPLETED  FAILED  CANCELLED
            RUNNING       .         x        x         x
            COMPLETED     x         .        .         .
            FAILED        x         .        .         .
            CANCELLED     x         .        .         .
            """;

    static final AtomicInteger WRITES = new AtomicInteger();
    static final JdbcTemplate JDBC = new JdbcTemplate(MigratedH2.migrated("sweep-transitions", null)) {
        @Override
        public int update(String sql, Object... args) {
            WRITES.incrementAndGet();
            return super.update(sql, args);
        }
    };

    final SweepStore.SweepTransitions transitions = new SweepStore.SweepTransitions(JDBC);
    final SweepStore store = new SweepStore(JDBC);

    static Stream<Arguments> pairs() {
        List<String[]> rows = LIFECYCLE.lines().map(String::strip).map(line -> line.split("\\s+")).toList();
        String[] columns = rows.get(0);
        return rows.stream().skip(1).flatMap(row -> Arrays.stream(columns).map(column -> Arguments.of(
                SweepStatus.valueOf(row[0]), SweepStatus.valueOf(column),
                row[1 + Arrays.asList(columns).indexOf(column)].equals("x"))));
    }

    @BeforeEach
    void countFromHere() {
        WRITES.set(0);
    }

    private static long insert(SweepStatus status) {
        JDBC.update("insert into sweep (public_id, owner, status, request_json, algorithm, metric, maximize, max_trials, "
                + "max_parallel, max_failed, created_at, updated_at, finished_at) values (?, 'o', ?, '{}', 'grid', "
                + "'val_loss', false, 4, 2, 2, timestamp '2020-01-01 00:00:00', timestamp '2020-01-01 00:00:00', ?)",
                UUID.randomUUID(), status.name(), status.finished() ? java.sql.Timestamp.valueOf("2020-01-01 00:00:00")
                        : null);
        WRITES.set(0);
        return JDBC.queryForObject("select max(id) from sweep", Long.class);
    }

    private static Map<String, Object> row(long id) {
        return JDBC.queryForMap("select status, updated_at > timestamp '2020-01-01 00:00:00' as touched, finished_at, "
                + "stop_reason, max_trials from sweep where id = ?", id);
    }

    private static List<String> history(long id) {
        return JDBC.queryForList("select coalesce(from_status, '') || '->' || to_status || ' ' || reason "
                + "from sweep_transition where sweep_id = ? order by id", String.class, id);
    }

    @Test
    void theTableCoversEveryPairAndAgreesWithTheStatuses() {
        assertThat(pairs()).hasSize(SweepStatus.values().length * SweepStatus.values().length);
        pairs().forEach(pair -> {
            Object[] args = pair.get();
            assertThat(((SweepStatus) args[0]).canMoveTo((SweepStatus) args[1])).as("%s -> %s", args[0], args[1])
                    .isEqualTo(args[2]);
        });
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("pairs")
    void everyMoveIsCheckedBeforeAnythingIsWritten(SweepStatus from, SweepStatus to, boolean allowed) {
        long id = insert(from);
        if (!allowed) {
            assertThatThrownBy(() -> transitions.move(id, from, to)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("a sweep cannot move from " + from + " to " + to);
            assertThat(WRITES).as("statements sent").hasValue(0);
            assertThat(row(id)).containsEntry("STATUS", from.name()).containsEntry("TOUCHED", false);
            assertThat(history(id)).isEmpty();
            return;
        }
        assertThat(transitions.move(id, from, to).because("why").apply()).isTrue();
        Map<String, Object> moved = row(id);
        assertThat(moved).containsEntry("STATUS", to.name()).containsEntry("TOUCHED", true);
        assertThat(moved.get("FINISHED_AT") != null).as("finished_at").isEqualTo(to.finished());
        assertThat(history(id)).containsExactly(from + "->" + to + " why");

        assertThat(transitions.move(id, from, to).apply()).as("again, from a status the row has left").isFalse();
        assertThat(history(id)).hasSize(1);
    }

    @Test
    void finishingAndExtendingASweepLeaveItsHistory() {
        long id = insert(SweepStatus.RUNNING);
        store.extend(id, 6);
        assertThat(row(id)).containsEntry("STATUS", "RUNNING").containsEntry("MAX_TRIALS", 6);
        assertThat(store.finish(id, SweepStatus.COMPLETED, "all 6 trials ended")).isTrue();
        assertThat(store.finish(id, SweepStatus.CANCELLED, "cancelled by its owner")).as("ended already").isFalse();
        assertThat(row(id)).containsEntry("STATUS", "COMPLETED").containsEntry("STOP_REASON", "all 6 trials ended");
        store.extend(id, 9);
        assertThat(row(id)).containsEntry("STATUS", "RUNNING").containsEntry("STOP_REASON", null)
                .containsEntry("FINISHED_AT", null).containsEntry("MAX_TRIALS", 9);
        assertThat(history(id)).containsExactly("RUNNING->COMPLETED all 6 trials ended",
                "COMPLETED->RUNNING extended to 9 trials");
    }
}

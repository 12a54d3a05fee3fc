package dev.trainyard.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one way a status changes in a table whose rows have a lifecycle (jobs, sweeps). A move is checked against the
 * lifecycle before anything is written. The row is then updated only where it still has the status the move starts
 * from, and whatever else the caller fences the move with (a lease): of two nodes racing for one row, one moves it
 * and the other writes nothing and learns so. The move is recorded in the table's history, in the caller's
 * transaction. Every move sets {@code updated_at}; one to a final status sets {@code finished_at}, and one out of a
 * final status clears it.
 *
 * @param <S> the lifecycle's statuses, stored by name
 */
public class Transitions<S extends Enum<S> & Transitions.Status<S>> {

    /** What a history's reason and the rows' messages hold at most. */
    private static final int MAX_TEXT = 4000;

    /** A status of a lifecycle. */
    public interface Status<S> {

        boolean canMoveTo(S next);

        /** Whether this is a final status: the row's work has ended (a user may still start it again). */
        boolean finished();
    }

    private final JdbcTemplate jdbc;
    private final String table;
    private final String history;
    private final String key;

    /**
     * @param table   the table whose rows move, with columns id, status, updated_at and finished_at
     * @param history its history: key, from_status, to_status, reason, at, and any columns moves {@link Move#record}
     * @param key     the history's column naming the row
     */
    protected Transitions(JdbcTemplate jdbc, String table, String history, String key) {
        this.jdbc = jdbc;
        this.table = table;
        this.history = history;
        this.key = key;
    }

    /** Records that row {@code id} has just been inserted in {@code status}; {@code recorded} fills other columns. */
    public void created(long id, S status, String reason, Map<String, ?> recorded) {
        insertHistory(id, null, status, reason, recorded);
    }

    /**
     * A move of row {@code id} from {@code from} to {@code to}, to be completed and {@link Move#apply applied}.
     *
     * @throws IllegalStateException when the lifecycle does not allow the move; nothing has been written
     */
    public Move move(long id, S from, S to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a " + table + " cannot move from " + from + " to " + to);
        }
        return new Move(id, from, to);
    }

    public static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private void insertHistory(long id, S from, S to, String reason, Map<String, ?> recorded) {
        List<Object> values = new ArrayList<>();
        values.add(id);
        values.add(from == null ? null : from.name());
        values.add(to.name());
        values.add(clip(reason));
        values.addAll(recorded.values());
        String columns = recorded.keySet().stream().map(column -> ", " + column).reduce("", String::concat);
        jdbc.update("insert into " + history + " (" + key + ", from_status, to_status, reason" + columns + ", at) "
                + "values (?, ?, ?, ?" + ", ?".repeat(recorded.size()) + ", current_timestamp)", values.toArray());
    }

    /** One allowed move, completed with what else it writes and what fences it; nothing is written before apply. */
    public final class Move {

        private final long id;
        private final S from;
        private final S to;
        private final StringBuilder sets = new StringBuilder();
        private final List<Object> setValues = new ArrayList<>();
        private final StringBuilder conditions = new StringBuilder();
        private final List<Object> conditionValues = new ArrayList<>();
        private final Map<String, Object> recorded = new LinkedHashMap<>();
        private String reason;

        private Move(long id, S from, S to) {
            this.id = id;
            this.from = from;
            this.to = to;
            set("updated_at = current_timestamp");
            if (to.finished()) {
                set("finished_at = current_timestamp");
            } else if (from.finished()) {
                set("finished_at = null");
            }
        }

        /** Also writes {@code assignment} ({@code "column = ?"}) with its values. */
        public Move set(String assignment, Object... values) {
            sets.append(", ").append(assignment);
            setValues.addAll(Arrays.asList(values));
            return this;
        }

        /** Moves the row only where {@code condition} holds too (a lease, for one). */
        public Move where(String condition, Object... values) {
            conditions.append(" and ").append(condition);
            conditionValues.addAll(Arrays.asList(values));
            return this;
        }

        public S to() {
            return to;
        }

        /** Writes {@code value} to the history's {@code column}. */
        public Move record(String column, Object value) {
            recorded.put(column, value);
            return this;
        }

        public Move because(String why) {
            this.reason = why;
            return this;
        }

        /**
         * Writes the move where the row is still in its starting status and meets the fence, then its history.
         *
         * @return false when the row was not there as expected: then nothing was written
         */
        public boolean apply() {
            List<Object> values = new ArrayList<>();
            values.add(to.name());
            values.addAll(setValues);
            values.add(id);
            values.add(from.name());
            values.addAll(conditionValues);
            if (jdbc.update("update " + table + " set status = ?" + sets + " where id = ? and status = ?" + conditions,
                    values.toArray()) == 0) {
                return false;
            }
            insertHistory(id, from, to, reason, recorded);
            return true;
        }
    }
}

package dev.trainyard.system;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The SQL the database queues (jobs, analyses) share, the same on H2 and PostgreSQL where the two differ. */
@Component
public class QueueSql {

    /** A time some seconds (a parameter) after now on the database clock; the cast lets H2 type the parameter. */
    public static final String SECONDS_FROM_NOW =
            "current_timestamp + cast(? as double precision) * interval '1' second";

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    QueueSql(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The row lock that claims a queue's row without skipping one another transaction only references: PostgreSQL's
     * foreign-key checks hold FOR KEY SHARE on the referenced row while a child row (a metric point, a finding) is
     * written, which FOR UPDATE conflicts with, and SKIP LOCKED would skip, but FOR NO KEY UPDATE does not. H2 takes no
     * such lock and knows only FOR UPDATE. Read from the database on first use.
     */
    public String claimLock() {
        return postgres() ? "for no key update skip locked" : "for update skip locked";
    }

    /**
     * {@link #claimLock()} for a query that joins the queue's table, as {@code alias}, to rows it does not lock (on
     * PostgreSQL only the alias's rows are locked; H2 locks the rows of its tables only).
     */
    public String claimLockOf(String alias) {
        return postgres() ? "for no key update of " + alias + " skip locked" : "for update skip locked";
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData()
                    .getDatabaseProductName()));
            postgres = known;
        }
        return known;
    }
}

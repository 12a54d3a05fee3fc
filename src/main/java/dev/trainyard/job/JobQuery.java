package dev.trainyard.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A filtered, keyset-paged list of one owner's jobs, newest or oldest first: by status, name, sweep, the job they were
 * derived from (by its public id), and any submitted hyperparameter ({@code training.optimizer.learningRate = 0.001}, numbers compared as
 * numbers), after the job with integer key {@code after} in that order (null: from the start).
 */
record JobQuery(String owner, JobStatus status, String name, String sweep, UUID derivedFrom,
                Map<String, String> params, boolean oldestFirst, Long after, int size) {

    JobQuery after(long key) {
        return new JobQuery(owner, status, name, sweep, derivedFrom, params, oldestFirst, key, size);
    }

    /** The SQL selecting the matching job keys, and its arguments. */
    Object[] sql() {
        StringBuilder sql = new StringBuilder("select j.id from job j where j.owner = ?");
        List<Object> args = new ArrayList<>(List.of(owner));
        if (after != null) {
            sql.append(oldestFirst ? " and j.id > ?" : " and j.id < ?");
            args.add(after);
        }
        if (status != null) {
            sql.append(" and j.status = ?");
            args.add(status.name());
        }
        if (name != null) {
            sql.append(" and j.name = ?");
            args.add(name);
        }
        if (sweep != null) {
            sql.append(" and j.sweep_ref = ?");
            args.add(sweep);
        }
        if (derivedFrom != null) {
            sql.append(" and j.derived_from = (select d.id from job d where d.public_id = ? and d.owner = ?)");
            args.add(derivedFrom);
            args.add(owner);
        }
        params.forEach((path, value) -> {
            Double number = number(value);
            sql.append(" and exists (select 1 from job_param p where p.job_id = j.id and p.name = ? and ")
                    .append(number == null ? "p.text_value = ?)" : "p.num_value = ?)");
            args.add(path);
            args.add(number == null ? value : number);
        });
        sql.append(" order by j.id ").append(oldestFirst ? "asc" : "desc").append(" fetch first ").append(size)
                .append(" rows only");
        return new Object[] {sql.toString(), args.toArray()};
    }

    private static Double number(String value) {
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException text) {
            return null;
        }
    }
}

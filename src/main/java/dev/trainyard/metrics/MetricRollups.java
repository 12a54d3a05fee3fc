package dev.trainyard.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps metric_rollup in step with metric_point: for every block of {@link #BLOCK} steps of a metric, its point count
 * and its lowest and highest point (the earliest on ties). Called inside the transactions that write or drop points.
 */
@Component
class MetricRollups {

    static final int BLOCK = 64;

    private final JdbcTemplate jdbc;

    MetricRollups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One block's summary. */
    record Block(String name, int block, int points, int loStep, double loValue, int hiStep, double hiValue) {

        Block with(int step, double value) {
            return new Block(name, block, points + 1, value < loValue ? step : loStep, Math.min(value, loValue),
                    value > hiValue ? step : hiStep, Math.max(value, hiValue));
        }

        static Block of(String name, int step, double value) {
            return new Block(name, step / BLOCK, 1, step, value, step, value);
        }
    }

    /** Folds newly written points (in step order per metric) into their blocks. */
    void add(long jobId, List<EpochPoints> epochs) {
        if (epochs.isEmpty()) {
            return;
        }
        int first = epochs.get(0).epoch() / BLOCK;
        int last = epochs.get(epochs.size() - 1).epoch() / BLOCK;
        Map<String, Block> blocks = new HashMap<>();
        jdbc.query("select name, block, points, lo_step, lo_value, hi_step, hi_value from metric_rollup where job_id = ? "
                + "and block between ? and ?", rs -> {
                    Block block = new Block(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getDouble(5),
                            rs.getInt(6), rs.getDouble(7));
                    blocks.put(block.name() + "/" + block.block(), block);
                }, jobId, first, last);
        for (EpochPoints epoch : epochs) {
            epoch.values().forEach((name, value) -> {
                if (Double.isFinite(value)) {
                    blocks.merge(name + "/" + epoch.epoch() / BLOCK, Block.of(name, epoch.epoch(), value),
                            (known, point) -> known.with(epoch.epoch(), value));
                }
            });
        }
        jdbc.update("delete from metric_rollup where job_id = ? and block between ? and ?", jobId, first, last);
        insert(jobId, blocks.values());
    }

    /** Drops what lies at or after {@code step} (a resumed attempt rewrites it) and rebuilds the block cut in two. */
    void truncate(long jobId, int step) {
        int cut = step / BLOCK;
        jdbc.update("delete from metric_rollup where job_id = ? and block >= ?", jobId, cut);
        Map<String, Block> kept = new HashMap<>();
        jdbc.query("select name, step, metric_value from metric_point where job_id = ? and step >= ? and step < ? "
                + "order by name, step", rs -> {
                    String name = rs.getString(1);
                    int at = rs.getInt(2);
                    double value = rs.getDouble(3);
                    kept.merge(name, Block.of(name, at, value), (known, point) -> known.with(at, value));
                }, jobId, cut * BLOCK, step);
        insert(jobId, kept.values());
    }

    /**
     * The metrics recorded between two steps. Queries for points name them, so that they run on the (job, name, step)
     * key instead of reading every point of the job.
     */
    List<String> names(long jobId, int fromStep, int toStep) {
        return jdbc.queryForList("select distinct name from metric_rollup where job_id = ? and block between ? and ?",
                String.class, jobId, fromStep / BLOCK, toStep / BLOCK);
    }

    /** {@code name in (?, ?, ...)} for a list of metric names, to follow with those names as arguments. */
    static String nameIn(List<String> names) {
        return "name in (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
    }

    /** Every metric's blocks, by name and in step order. */
    List<Block> all(long jobId) {
        return jdbc.query("select name, block, points, lo_step, lo_value, hi_step, hi_value from metric_rollup "
                + "where job_id = ? order by name, block", (rs, row) -> new Block(rs.getString(1), rs.getInt(2),
                rs.getInt(3), rs.getInt(4), rs.getDouble(5), rs.getInt(6), rs.getDouble(7)), jobId);
    }

    /** A metric's blocks in step order. */
    List<Block> blocks(long jobId, String name) {
        List<Block> blocks = new ArrayList<>();
        jdbc.query("select block, points, lo_step, lo_value, hi_step, hi_value from metric_rollup where job_id = ? "
                + "and name = ? order by block", rs -> {
                    blocks.add(new Block(name, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4), rs.getInt(5),
                            rs.getDouble(6)));
                }, jobId, name);
        return blocks;
    }

    private void insert(long jobId, Collection<Block> blocks) {
        jdbc.batchUpdate("insert into metric_rollup (job_id, name, block, points, lo_step, lo_value, hi_step, hi_value) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", blocks.stream().map(b -> new Object[] {jobId, b.name(), b.block(),
                b.points(), b.loStep(), b.loValue(), b.hiStep(), b.hiValue()}).toList());
    }
}

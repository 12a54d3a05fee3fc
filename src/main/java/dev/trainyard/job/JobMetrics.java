package dev.trainyard.job;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads a job's metric history: summaries per metric, one epoch's values, and histories paged or down-sampled. */
@Component
class JobMetrics {

    private final JdbcTemplate jdbc;

    JobMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One metric over the whole run: its last value, its extremes and the steps they were reached at. */
    record Summary(String name, int points, int lastStep, double last, double min, int minStep, double max,
                   int maxStep) {
    }

    List<Summary> summaries(long jobId) {
        Map<String, Summary> byName = new LinkedHashMap<>();
        jdbc.query("select name, step, metric_value from metric_point where job_id = ? order by name, step", rs -> {
            String name = rs.getString(1);
            int step = rs.getInt(2);
            double value = rs.getDouble(3);
            Summary seen = byName.get(name);
            byName.put(name, seen == null ? new Summary(name, 1, step, value, value, step, value, step)
                    : new Summary(name, seen.points() + 1, step, value, value < seen.min() ? value : seen.min(),
                            value < seen.min() ? step : seen.minStep(), value > seen.max() ? value : seen.max(),
                            value > seen.max() ? step : seen.maxStep()));
        }, jobId);
        return List.copyOf(byName.values());
    }

    /** Every metric recorded at one step, by name; empty when the step has none. */
    Map<String, Double> at(long jobId, int step) {
        Map<String, Double> values = new LinkedHashMap<>();
        jdbc.query("select name, metric_value from metric_point where job_id = ? and step = ? order by name",
                rs -> {
                    values.put(rs.getString(1), rs.getDouble(2));
                }, jobId, step);
        return values;
    }

    /** The first step where the metric was lowest, or -1 if it was never recorded. */
    int argmin(long jobId, String name) {
        List<Integer> steps = jdbc.queryForList("select step from metric_point where job_id = ? and name = ? "
                + "order by metric_value, step fetch first 1 rows only", Integer.class, jobId, name);
        return steps.isEmpty() ? -1 : steps.get(0);
    }

    /** A stretch of one metric's history, in step order. */
    record Points(int[] steps, double[] values) {

        int size() {
            return steps.length;
        }
    }

    Points page(long jobId, String name, int fromStep, int size) {
        return read("select step, metric_value from metric_point where job_id = ? and name = ? and step >= ? "
                + "order by step fetch first ? rows only", jobId, name, fromStep, size);
    }

    /** The whole history of one metric. */
    Points all(long jobId, String name) {
        return read("select step, metric_value from metric_point where job_id = ? and name = ? order by step",
                jobId, name);
    }

    /** Reads (step, value) rows into growing primitive arrays: no boxing for histories of 100,000 points. */
    private Points read(String sql, Object... args) {
        int[][] steps = {new int[1024]};
        double[][] values = {new double[1024]};
        int[] count = {0};
        jdbc.query(sql, rs -> {
            if (count[0] == steps[0].length) {
                steps[0] = Arrays.copyOf(steps[0], count[0] * 2);
                values[0] = Arrays.copyOf(values[0], count[0] * 2);
            }
            steps[0][count[0]] = rs.getInt(1);
            values[0][count[0]++] = rs.getDouble(2);
        }, args);
        return new Points(Arrays.copyOf(steps[0], count[0]), Arrays.copyOf(values[0], count[0]));
    }

    /**
     * At most {@code maxPoints} points that keep the shape: the history is cut into maxPoints/2 runs of equal length,
     * and each run keeps its lowest and its highest point, in step order. The overall extremes always survive.
     */
    static Points downsample(Points all, int maxPoints) {
        if (all.size() <= maxPoints) {
            return all;
        }
        int buckets = Math.max(1, maxPoints / 2);
        int[] steps = new int[buckets * 2];
        double[] values = new double[buckets * 2];
        int kept = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * all.size() / buckets);
            int to = (int) ((long) (b + 1) * all.size() / buckets);
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++) {
                low = all.values()[i] < all.values()[low] ? i : low;
                high = all.values()[i] > all.values()[high] ? i : high;
            }
            for (int i : low == high ? new int[] {low} : new int[] {Math.min(low, high), Math.max(low, high)}) {
                steps[kept] = all.steps()[i];
                values[kept++] = all.values()[i];
            }
        }
        return new Points(Arrays.copyOf(steps, kept), Arrays.copyOf(values, kept));
    }
}

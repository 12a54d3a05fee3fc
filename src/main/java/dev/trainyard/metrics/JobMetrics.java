package dev.trainyard.metrics;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads a job's metric history: summaries per metric, one epoch's values, and histories paged or down-sampled. */
@Component
public class JobMetrics {

    private final JdbcTemplate jdbc;
    private final MetricRollups rollups;

    JobMetrics(JdbcTemplate jdbc, MetricRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /** One metric over the whole run: its last value, its extremes and the steps they were reached at. */
    public record Summary(String name, int points, int lastStep, double last, double min, int minStep, double max,
                   int maxStep) {
    }

    /**
     * Read from the rollups (one row per metric and 64 steps), plus the points of each metric's last block for its
     * last value: cheap however long the history.
     */
    public List<Summary> summaries(long jobId) {
        Map<String, List<MetricRollups.Block>> byName = new TreeMap<>();
        rollups.all(jobId).forEach(block -> byName.computeIfAbsent(block.name(), name -> new ArrayList<>()).add(block));
        if (byName.isEmpty()) {
            return List.of();
        }
        int tail = byName.values().stream().mapToInt(blocks -> blocks.get(blocks.size() - 1).block()).min().orElseThrow();
        List<String> names = List.copyOf(byName.keySet());
        Map<String, double[]> last = new HashMap<>();
        jdbc.query("select name, step, metric_value from metric_point where job_id = ? and " + MetricRollups.nameIn(names)
                + " and step >= ? order by step", rs -> {
                    last.put(rs.getString(1), new double[] {rs.getInt(2), rs.getDouble(3)});
                }, arguments(jobId, names, tail * MetricRollups.BLOCK));
        return byName.entrySet().stream().map(entry -> summary(entry.getKey(), entry.getValue(), last.get(entry.getKey())))
                .toList();
    }

    private static Summary summary(String name, List<MetricRollups.Block> blocks, double[] last) {
        Extreme low = best(blocks, false);
        Extreme high = best(blocks, true);
        int points = blocks.stream().mapToInt(MetricRollups.Block::points).sum();
        return new Summary(name, points, (int) last[0], last[1], low.value(), low.step(), high.value(), high.step());
    }

    /** Every metric recorded at one step, by name; empty when the step has none. */
    public Map<String, Double> at(long jobId, int step) {
        Map<String, Double> values = new TreeMap<>();
        List<String> names = rollups.names(jobId, step, step);
        if (!names.isEmpty()) {
            jdbc.query("select name, metric_value from metric_point where job_id = ? and " + MetricRollups.nameIn(names)
                    + " and step = ?", rs -> {
                        values.put(rs.getString(1), rs.getDouble(2));
                    }, arguments(jobId, names, step));
        }
        return values;
    }

    /** The job key, the names, then the rest: the arguments of a query built with {@link MetricRollups#nameIn}. */
    static Object[] arguments(long jobId, List<String> names, Object... rest) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(jobId);
        arguments.addAll(names);
        arguments.addAll(List.of(rest));
        return arguments.toArray();
    }

    /** Receives one point of a history. */
    public interface PointSink {
        void accept(String name, int step, double value);
    }

    /** Every point of the job's history, in no particular order: one pass over the job's part of the key. */
    public void forEachPoint(long jobId, PointSink sink) {
        jdbc.query("select name, step, metric_value from metric_point where job_id = ?",
                rs -> {
                    sink.accept(rs.getString(1), rs.getInt(2), rs.getDouble(3));
                }, jobId);
    }

    /** The values of one epoch and when they were written. */
    public record Epoch(int epoch, Timestamp writtenAt, Map<String, Double> values) {
    }

    /** The epochs after {@code afterStep}, at most {@code count} steps of them, in order. */
    public List<Epoch> epochsAfter(long jobId, int afterStep, int count) {
        List<String> names = rollups.names(jobId, afterStep + 1, afterStep + count);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<Integer, Map<String, Double>> values = new TreeMap<>();
        Map<Integer, Timestamp> times = new HashMap<>();
        List<Object> arguments = new ArrayList<>();
        names.forEach(name -> arguments.addAll(List.of(jobId, name, afterStep, afterStep + count)));
        jdbc.query(pointsPerName(names.size()), rs -> {
            values.computeIfAbsent(rs.getInt(1), step -> new TreeMap<>()).put(rs.getString(2), rs.getDouble(3));
            times.put(rs.getInt(1), rs.getTimestamp(4));
        }, arguments.toArray());
        return values.entrySet().stream().map(e -> new Epoch(e.getKey(), times.get(e.getKey()), e.getValue())).toList();
    }

    /**
     * One branch per metric, each a range of the (job_id, name, step) key. With {@code name in (...)} instead, H2 uses
     * the key for the job only and scans every point the job has (a second per read once a job has 100,000 epochs).
     */
    private static String pointsPerName(int names) {
        return String.join(" union all ", Collections.nCopies(names, "select step, name, metric_value, recorded_at "
                + "from metric_point where job_id = ? and name = ? and step > ? and step <= ?")) + " order by 1, 2";
    }

    /** The first step where the metric was lowest, or -1 if it was never recorded. */
    public int argmin(long jobId, String name) {
        Extreme lowest = best(jobId, name, false);
        return lowest == null ? -1 : lowest.step();
    }

    /** A metric's best point: where it was lowest (or highest), first on ties. */
    public record Extreme(int step, double value) {
    }

    /** The metric's lowest point, or its highest when {@code highest}; null if it was never recorded. */
    public Extreme best(long jobId, String name, boolean highest) {
        return best(rollups.blocks(jobId, name), highest);
    }

    /** The lowest (or highest) point of a metric's blocks, the earliest on ties; null without blocks. */
    private static Extreme best(List<MetricRollups.Block> blocks, boolean highest) {
        Extreme best = null;
        for (MetricRollups.Block block : blocks) {
            Extreme candidate = highest ? new Extreme(block.hiStep(), block.hiValue())
                    : new Extreme(block.loStep(), block.loValue());
            if (best == null || (highest ? candidate.value() > best.value() : candidate.value() < best.value())) {
                best = candidate;
            }
        }
        return best;
    }

    /** A stretch of one metric's history, in step order. */
    public record Points(int[] steps, double[] values) {

        public int size() {
            return steps.length;
        }
    }

    public Points page(long jobId, String name, int fromStep, int size) {
        return read("select step, metric_value from metric_point where job_id = ? and name = ? and step >= ? "
                + "order by step fetch first ? rows only", jobId, name, fromStep, size);
    }

    /**
     * The whole history down-sampled to at most {@code maxPoints} (see {@link #downsample}). A history too long to read
     * point by point is down-sampled from its rollup blocks (each block's lowest and highest point), which keep every
     * extreme.
     */
    public Points downsampled(long jobId, String name, int maxPoints) {
        List<MetricRollups.Block> blocks = rollups.blocks(jobId, name);
        long total = blocks.stream().mapToLong(MetricRollups.Block::points).sum();
        if (total <= (long) maxPoints * MetricRollups.BLOCK / 2) {
            return downsample(all(jobId, name), maxPoints);
        }
        int[] steps = new int[blocks.size() * 2];
        double[] values = new double[blocks.size() * 2];
        int kept = 0;
        for (MetricRollups.Block block : blocks) {
            boolean lowFirst = block.loStep() <= block.hiStep();
            steps[kept] = lowFirst ? block.loStep() : block.hiStep();
            values[kept++] = lowFirst ? block.loValue() : block.hiValue();
            if (block.loStep() != block.hiStep()) {
                steps[kept] = lowFirst ? block.hiStep() : block.loStep();
                values[kept++] = lowFirst ? block.hiValue() : block.loValue();
            }
        }
        return downsample(new Points(Arrays.copyOf(steps, kept), Arrays.copyOf(values, kept)), maxPoints);
    }

    /** The whole history of one metric. */
    public Points all(long jobId, String name) {
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

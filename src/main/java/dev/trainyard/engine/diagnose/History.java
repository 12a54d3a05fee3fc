package dev.trainyard.engine.diagnose;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A run's metrics by name and epoch, as the rules read them: one array per metric, NaN where an epoch has no value
 * (a metric recorded only at the first epoch, or a value that was not finite).
 */
public final class History {

    private final int epochs;
    private final Map<String, double[]> series;

    private History(int epochs, Map<String, double[]> series) {
        this.epochs = epochs;
        this.series = series;
    }

    /** Collects points one at a time; epochs are 0-based. */
    public static final class Builder {
        private final Map<String, double[]> series = new HashMap<>();
        private int epochs;

        public Builder add(String name, int epoch, double value) {
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
            }
            double[] values = series.computeIfAbsent(name, n -> nans(Math.max(16, epoch + 1)));
            if (epoch >= values.length) {
                int old = values.length;
                values = Arrays.copyOf(values, Math.max(epoch + 1, 2 * old));
                Arrays.fill(values, old, values.length, Double.NaN);
                series.put(name, values);
            }
            values[epoch] = value;
            epochs = Math.max(epochs, epoch + 1);
            return this;
        }

        public History build() {
            Map<String, double[]> exact = new HashMap<>();
            series.forEach((name, values) -> exact.put(name, Arrays.copyOf(values, epochs)));
            return new History(epochs, exact);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static double[] nans(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    public int epochs() {
        return epochs;
    }

    public boolean has(String name) {
        return series.containsKey(name);
    }

    /** The metric's values by epoch (NaN-filled when it was never recorded); do not modify. */
    public double[] of(String name) {
        double[] values = series.get(name);
        return values != null ? values : nans(epochs);
    }

    /** The value at {@code epoch}, NaN when absent. */
    public double at(String name, int epoch) {
        double[] values = series.get(name);
        return values == null || epoch < 0 || epoch >= epochs ? Double.NaN : values[epoch];
    }

    /** The last epoch's value that is not NaN, or NaN. */
    public double last(String name) {
        double[] values = of(name);
        for (int e = values.length - 1; e >= 0; e--) {
            if (!Double.isNaN(values[e])) {
                return values[e];
            }
        }
        return Double.NaN;
    }

    /** The first epoch's value that is not NaN, or NaN. */
    public double first(String name) {
        for (double value : of(name)) {
            if (!Double.isNaN(value)) {
                return value;
            }
        }
        return Double.NaN;
    }
}

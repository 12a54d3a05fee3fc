package dev.trainyard.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.SplitSpec;

/**
 * Turns a dataset into training, validation and test splits: class names sorted into label
 * indices; a seeded split, stratified by class for classification (each class is divided in the
 * same proportions); missing feature values (NaN) refused, or their rows left out before the split, or imputed
 * from statistics of the training split; and standardization fitted on the (imputed) training split only, so
 * nothing of the validation and test rows leaks into training; a regression target standardized the same way when
 * asked. The imputer, the normalizer and the target's normalizer travel with the model.
 */
public final class Preparation {

    static final long SPLIT_STREAM = 11;

    private Preparation() {
    }

    public static PreparedData prepare(LabeledData data, SplitSpec spec) {
        MissingValues missing = spec.missing();
        long[] counts = data.missing();
        if (missing.strategy() == MissingValues.Strategy.ERROR) {
            refuseMissing(data, counts);
        } else if (missing.strategy() == MissingValues.Strategy.DROP_ROWS) {
            data = withoutMissing(data);
        }
        int rows = data.rows();
        List<String> classNames = data.labels() == null ? List.of() : data.labels().stream().distinct().sorted().toList();
        int[] labels = labelIndices(data.labels(), classNames);
        int[][] parts = labels == null ? split(indices(rows), spec, Rng.stream(spec.seed(), SPLIT_STREAM))
                : stratified(labels, classNames.size(), spec);
        Imputer imputer = null;
        if (missing.strategy() == MissingValues.Strategy.IMPUTE) {
            imputer = fitImputer(data, parts[0], missing, counts);
            data = imputed(data, imputer);
        }
        Normalizer normalizer = spec.standardize() ? fit(data, parts[0]) : Normalizer.identity(data.featureCount());
        Normalizer target = labels == null && spec.standardizeTarget() ? fitTarget(data, parts[0]) : null;
        return new PreparedData(data.task(), classNames, take(data, labels, parts[0], normalizer, target),
                take(data, labels, parts[1], normalizer, target), take(data, labels, parts[2], normalizer, target),
                normalizer, data.image(), imputer, target);
    }

    private static void refuseMissing(LabeledData data, long[] counts) {
        StringJoiner columns = new StringJoiner(", ");
        for (int f = 0; f < counts.length; f++) {
            if (counts[f] > 0) {
                columns.add("'" + data.featureNames().get(f) + "' (" + counts[f] + ")");
            }
        }
        if (columns.length() > 0) {
            throw new InvalidDataException("features have missing values: " + columns + "; set dataset.missing.strategy "
                    + "to drop_rows or impute");
        }
    }

    /** The rows with no missing feature, in their order. */
    private static LabeledData withoutMissing(LabeledData data) {
        int f = data.featureCount();
        int width = data.targetWidth();
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < data.rows(); r++) {
            boolean complete = true;
            for (int j = 0; j < f && complete; j++) {
                complete = !Double.isNaN(data.features()[r * f + j]);
            }
            if (complete) {
                kept.add(r);
            }
        }
        if (kept.size() == data.rows()) {
            return data;
        }
        if (kept.isEmpty()) {
            throw new InvalidDataException("every row has a missing feature value, so dataset.missing.strategy "
                    + "drop_rows leaves none; use impute");
        }
        double[] features = new double[kept.size() * f];
        double[] values = data.values() == null ? null : new double[kept.size() * width];
        List<String> labels = data.labels() == null ? null : new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            int r = kept.get(i);
            System.arraycopy(data.features(), r * f, features, i * f, f);
            if (values != null) {
                System.arraycopy(data.values(), r * width, values, i * width, width);
            } else {
                labels.add(data.labels().get(r));
            }
        }
        return new LabeledData(features, f, labels, values, width, data.image(), data.featureNames());
    }

    /**
     * Per feature, the statistic of its present values over the training rows only (0 when the training rows have
     * none); features with missing values anywhere get an indicator when asked.
     */
    static Imputer fitImputer(LabeledData data, int[] trainRows, MissingValues missing, long[] counts) {
        int f = data.featureCount();
        double[] fill = new double[f];
        boolean[] indicated = new boolean[f];
        double[] present = new double[trainRows.length];
        for (int j = 0; j < f; j++) {
            int n = 0;
            for (int row : trainRows) {
                double value = data.features()[row * f + j];
                if (!Double.isNaN(value)) {
                    present[n++] = value;
                }
            }
            fill[j] = n == 0 ? 0 : statistic(missing.impute(), Arrays.copyOf(present, n));
            indicated[j] = missing.indicator() && counts[j] > 0;
        }
        return new Imputer(fill, indicated);
    }

    /** Mean; median (the mean of the two middle values of an even count); most frequent (the smallest on a tie). */
    private static double statistic(MissingValues.Statistic statistic, double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return switch (statistic) {
            case MEAN -> Arrays.stream(values).sum() / n;
            case MEDIAN -> n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
            case MOST_FREQUENT -> {
                double best = values[0];
                int bestRun = 0;
                for (int i = 0; i < n;) {
                    int j = i;
                    while (j < n && values[j] == values[i]) {
                        j++;
                    }
                    if (j - i > bestRun) {
                        bestRun = j - i;
                        best = values[i];
                    }
                    i = j;
                }
                yield best;
            }
        };
    }

    /** Every row imputed and widened by its indicators, named after their feature. */
    private static LabeledData imputed(LabeledData data, Imputer imputer) {
        int f = data.featureCount();
        int width = imputer.outputs();
        double[] features = new double[data.rows() * width];
        double[] raw = new double[f];
        double[] filled = new double[width];
        for (int r = 0; r < data.rows(); r++) {
            System.arraycopy(data.features(), r * f, raw, 0, f);
            imputer.apply(raw, filled);
            System.arraycopy(filled, 0, features, r * width, width);
        }
        List<String> names = new ArrayList<>(data.featureNames());
        boolean[] indicated = imputer.indicated();
        for (int j = 0; j < f; j++) {
            if (indicated[j]) {
                names.add(data.featureNames().get(j) + " missing");
            }
        }
        return new LabeledData(features, width, data.labels(), data.values(), data.targetWidth(), data.image(), names);
    }

    private static int[] labelIndices(List<String> labels, List<String> classNames) {
        if (labels == null) {
            return null;
        }
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            index.put(classNames.get(i), i);
        }
        return labels.stream().mapToInt(index::get).toArray();
    }

    /** Each class split on its own in the split's proportions, then each part shuffled as a whole. */
    private static int[][] stratified(int[] labels, int classes, SplitSpec spec) {
        Rng rng = Rng.stream(spec.seed(), SPLIT_STREAM);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> members : byClass) {
            int[][] parts = split(members.stream().mapToInt(Integer::intValue).toArray(), spec, rng);
            Arrays.stream(parts[0]).forEach(train::add);
            Arrays.stream(parts[1]).forEach(validation::add);
            Arrays.stream(parts[2]).forEach(test::add);
        }
        return new int[][] {shuffled(train, rng), shuffled(validation, rng), shuffled(test, rng)};
    }

    /** Shuffles the rows and cuts test, then validation, from the front; the rest trains. */
    private static int[][] split(int[] rows, SplitSpec spec, Rng rng) {
        int[] order = rows.clone();
        rng.shuffle(order);
        SplitSpec.Sizes sizes = spec.sizes(order.length);
        int test = sizes.test();
        int validation = sizes.validation();
        return new int[][] {Arrays.copyOfRange(order, test + validation, order.length),
                Arrays.copyOfRange(order, test, test + validation), Arrays.copyOfRange(order, 0, test)};
    }

    private static int[] shuffled(List<Integer> rows, Rng rng) {
        int[] array = rows.stream().mapToInt(Integer::intValue).toArray();
        rng.shuffle(array);
        return array;
    }

    private static int[] indices(int rows) {
        int[] all = new int[rows];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** Mean and standard deviation (population) of each feature over the training rows; constant features keep scale 1. */
    private static Normalizer fit(LabeledData data, int[] trainRows) {
        return fit(data.features(), data.featureCount(), trainRows);
    }

    /** Mean and standard deviation (population) of each target column over the training rows; constant: scale 1. */
    private static Normalizer fitTarget(LabeledData data, int[] trainRows) {
        return fit(data.values(), data.targetWidth(), trainRows);
    }

    /** Mean and population standard deviation of each of {@code width} columns over {@code trainRows}; constant: 1. */
    private static Normalizer fit(double[] values, int width, int[] trainRows) {
        double[] mean = new double[width];
        double[] squares = new double[width];
        for (int row : trainRows) {
            for (int j = 0; j < width; j++) {
                mean[j] += values[row * width + j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= Math.max(1, trainRows.length);
        }
        for (int row : trainRows) {
            for (int j = 0; j < width; j++) {
                double d = values[row * width + j] - mean[j];
                squares[j] += d * d;
            }
        }
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            double std = Math.sqrt(squares[j] / Math.max(1, trainRows.length));
            scale[j] = std > 1e-12 ? std : 1;
        }
        return new Normalizer(mean, scale);
    }

    private static Split take(LabeledData data, int[] labels, int[] rows, Normalizer normalizer, Normalizer target) {
        int f = data.featureCount();
        double[] features = new double[rows.length * f];
        double[] raw = new double[f];
        double[] scaled = new double[f];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.features(), rows[i] * f, raw, 0, f);
            normalizer.apply(raw, scaled);
            System.arraycopy(scaled, 0, features, i * f, f);
        }
        if (labels != null) {
            return Split.classification(features, f, Arrays.stream(rows).map(r -> labels[r]).toArray());
        }
        int width = data.targetWidth();
        double[] values = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.values(), rows[i] * width, values, i * width, width);
            if (target != null) {
                for (int c = 0; c < width; c++) {
                    values[i * width + c] = (values[i * width + c] - target.meanOf(c)) / target.scaleOf(c);
                }
            }
        }
        return Split.regression(features, f, values, width);
    }
}

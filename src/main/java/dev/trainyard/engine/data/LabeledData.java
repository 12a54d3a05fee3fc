package dev.trainyard.engine.data;

import java.util.List;
import java.util.stream.IntStream;

import dev.trainyard.engine.spec.Task;

/**
 * A whole dataset before preparation: raw numeric features, row-major, with their names (one-hot
 * columns of a categorical feature are named {@code column=value}), and either a class label per
 * row or target values. Built from an uploaded or built-in CSV, or by {@link Generators}. A missing feature value is
 * NaN ({@link Preparation} refuses, drops or imputes it, as the spec's missing values say). Rows of the wrong width,
 * infinite features and targets that are not finite are the data's fault ({@link InvalidDataException}).
 */
public record LabeledData(double[] features, int featureCount, List<String> labels, double[] values, int targetWidth,
                          ImageShape image, List<String> featureNames) {

    public LabeledData {
        if (featureCount <= 0 || features.length % featureCount != 0) {
            throw new InvalidDataException("features must be rows x " + featureCount + " values, were "
                    + features.length);
        }
        if ((labels == null) == (values == null)) {
            throw new IllegalArgumentException("a dataset has either class labels or target values");
        }
        int rows = features.length / featureCount;
        if (labels != null && labels.size() != rows) {
            throw new InvalidDataException(rows + " rows need " + rows + " labels, had " + labels.size());
        }
        if (values != null && values.length != rows * targetWidth) {
            throw new InvalidDataException(rows + " rows need " + rows * targetWidth + " target values, had "
                    + values.length);
        }
        labels = labels == null ? null : List.copyOf(labels);
        if (featureNames == null) {
            featureNames = IntStream.range(0, featureCount).mapToObj(i -> "f" + i).toList();
        }
        if (featureNames.size() != featureCount) {
            throw new IllegalArgumentException(featureCount + " features need " + featureCount + " names, had "
                    + featureNames.size());
        }
        featureNames = List.copyOf(featureNames);
        int feature = firstInfinite(features);
        if (feature >= 0) {
            throw notFinite(features[feature], feature / featureCount,
                    "feature '" + featureNames.get(feature % featureCount) + "'");
        }
        int target = values == null ? -1 : firstNonFinite(values);
        if (target >= 0) {
            throw notFinite(values[target], target / targetWidth, "target");
        }
    }

    private static int firstInfinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidDataException notFinite(double value, int row, String what) {
        return new InvalidDataException("row " + (row + 1) + " has " + value + " as its " + what
                + "; training needs finite numbers");
    }

    public static LabeledData classification(double[] features, int featureCount, List<String> labels) {
        return new LabeledData(features, featureCount, labels, null, 1, null, null);
    }

    public static LabeledData regression(double[] features, int featureCount, double[] values) {
        return new LabeledData(features, featureCount, null, values, 1, null, null);
    }

    public int rows() {
        return features.length / featureCount;
    }

    /** Per feature, how many of its values are missing (NaN). */
    public long[] missing() {
        long[] missing = new long[featureCount];
        for (int i = 0; i < features.length; i++) {
            if (Double.isNaN(features[i])) {
                missing[i % featureCount]++;
            }
        }
        return missing;
    }

    public Task task() {
        return labels != null ? Task.CLASSIFICATION : Task.REGRESSION;
    }
}

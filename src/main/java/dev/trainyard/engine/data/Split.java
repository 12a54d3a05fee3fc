package dev.trainyard.engine.data;

/**
 * One part of a dataset (training, validation or test), row-major, already prepared (for
 * example standardized). Classification splits carry labels 0..classes-1; regression splits
 * carry target values, {@code targetWidth} per row.
 */
public record Split(double[] features, int rows, int featureCount, int[] labels, double[] values, int targetWidth) {

    public Split {
        if (rows < 0 || featureCount <= 0 || features.length != rows * featureCount) {
            throw new IllegalArgumentException("features must hold rows x featureCount = " + rows + " x " + featureCount
                    + " values, held " + features.length);
        }
        if ((labels == null) == (values == null)) {
            throw new IllegalArgumentException("a split has either class labels or target values");
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(rows + " rows need " + rows + " labels, had " + labels.length);
        }
        if (values != null && values.length != rows * targetWidth) {
            throw new IllegalArgumentException(rows + " rows need " + rows * targetWidth + " target values, had "
                    + values.length);
        }
    }

    public static Split classification(double[] features, int featureCount, int[] labels) {
        return new Split(features, labels.length, featureCount, labels, null, 1);
    }

    public static Split regression(double[] features, int featureCount, double[] values, int targetWidth) {
        return new Split(features, values.length / targetWidth, featureCount, null, values, targetWidth);
    }

    public boolean isEmpty() {
        return rows == 0;
    }
}

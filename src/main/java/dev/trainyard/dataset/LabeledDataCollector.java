package dev.trainyard.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.spec.Task;

/**
 * Collects a checked dataset's rows into the engine's {@link LabeledData}: features in column
 * order without the target, and the target as labels or values. Missing feature values are
 * refused here, since a model cannot train on them.
 */
final class LabeledDataCollector implements CsvReader.Rows {

    private final String target;
    private final Task task;
    private final int[] image;
    private int targetIndex;
    private int featureCount;
    private List<String> names;
    private double[] features = new double[1024];
    private int size;
    private final List<String> labels = new ArrayList<>();
    private double[] values = new double[256];
    private int rows;

    LabeledDataCollector(String target, Task task, int[] image) {
        this.target = target;
        this.task = task;
        this.image = image;
    }

    @Override
    public void header(List<String> header) {
        names = List.copyOf(header);
        targetIndex = header.indexOf(target);
        featureCount = header.size() - 1;
    }

    @Override
    public void row(long line, List<String> fields) {
        for (int c = 0; c < fields.size(); c++) {
            String value = fields.get(c);
            if (c == targetIndex) {
                if (task == Task.CLASSIFICATION) {
                    labels.add(value);
                } else {
                    values = grow(values, rows + 1);
                    values[rows] = Double.parseDouble(value);
                }
            } else {
                if (value.isEmpty()) {
                    throw new DatasetException("Column '" + names.get(c) + "' has no value on line " + line
                            + "; training needs every feature. Fill or drop the missing values and upload again.");
                }
                features = grow(features, size + 1);
                features[size++] = Double.parseDouble(value);
            }
        }
        rows++;
    }

    LabeledData data() {
        double[] x = Arrays.copyOf(features, size);
        ImageShape shape = image == null ? null : new ImageShape(image[0], image[1], image[2]);
        return task == Task.CLASSIFICATION
                ? new LabeledData(x, featureCount, labels, null, 1, shape)
                : new LabeledData(x, featureCount, null, Arrays.copyOf(values, rows), 1, shape);
    }

    private static double[] grow(double[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }
}

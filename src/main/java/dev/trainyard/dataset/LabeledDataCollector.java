package dev.trainyard.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.spec.Task;

/**
 * Collects a checked dataset's rows into the engine's {@link LabeledData}: features in column
 * order without the target, a categorical feature one-hot encoded over its sorted values (columns
 * named {@code column=value}; an empty cell is all zeros), and the target as labels or values.
 * Missing numeric values are refused here, since a model cannot train on them.
 */
final class LabeledDataCollector implements CsvReader.Rows {

    private final String target;
    private final Task task;
    private final Set<String> categorical;
    private final int[] image;
    private List<String> names;
    private int targetIndex;
    private boolean[] isCategorical;
    private double[] numbers = new double[1024];
    private int numberCount;
    private final List<String[]> categoryRows = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private double[] values = new double[256];
    private int rows;

    LabeledDataCollector(String target, Task task, Set<String> categorical, int[] image) {
        this.target = target;
        this.task = task;
        this.categorical = categorical;
        this.image = image;
    }

    @Override
    public void header(List<String> header) {
        names = List.copyOf(header);
        targetIndex = header.indexOf(target);
        isCategorical = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            isCategorical[c] = categorical.contains(header.get(c));
        }
    }

    @Override
    public void row(long line, List<String> fields) {
        String[] categories = categorical.isEmpty() ? null : new String[fields.size()];
        for (int c = 0; c < fields.size(); c++) {
            String value = fields.get(c);
            if (c == targetIndex) {
                target(value);
            } else if (isCategorical[c]) {
                categories[c] = value;
            } else if (value.isEmpty()) {
                throw new DatasetException("Column '" + names.get(c) + "' has no value on line " + line
                        + "; training needs every numeric feature. Fill or drop the missing values and upload again.");
            } else {
                numbers = grow(numbers, numberCount + 1);
                numbers[numberCount++] = Double.parseDouble(value);
            }
        }
        if (categories != null) {
            categoryRows.add(categories);
        }
        rows++;
    }

    private void target(String value) {
        if (task == Task.CLASSIFICATION) {
            labels.add(value);
        } else {
            values = grow(values, rows + 1);
            values[rows] = Double.parseDouble(value);
        }
    }

    LabeledData data() {
        List<List<String>> vocabularies = new ArrayList<>();
        List<String> featureNames = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            List<String> vocabulary = null;
            if (c != targetIndex && isCategorical[c]) {
                Set<String> seen = new TreeSet<>();
                for (String[] row : categoryRows) {
                    if (!row[c].isEmpty()) {
                        seen.add(row[c]);
                    }
                }
                vocabulary = List.copyOf(seen);
                String name = names.get(c);
                vocabulary.forEach(value -> featureNames.add(name + "=" + value));
            } else if (c != targetIndex) {
                featureNames.add(names.get(c));
            }
            vocabularies.add(vocabulary);
        }
        int width = featureNames.size();
        double[] features = new double[rows * width];
        int numeric = 0;
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            for (int c = 0; c < names.size(); c++) {
                if (c == targetIndex) {
                    continue;
                }
                List<String> vocabulary = vocabularies.get(c);
                if (vocabulary == null) {
                    features[at++] = numbers[numeric++];
                } else {
                    int hot = vocabulary.indexOf(categoryRows.get(r)[c]);
                    if (hot >= 0) {
                        features[at + hot] = 1;
                    }
                    at += vocabulary.size();
                }
            }
        }
        ImageShape shape = image == null ? null : new ImageShape(image[0], image[1], image[2]);
        return task == Task.CLASSIFICATION
                ? new LabeledData(features, width, labels, null, 1, shape, featureNames)
                : new LabeledData(features, width, null, Arrays.copyOf(values, rows), 1, shape, featureNames);
    }

    private static double[] grow(double[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }
}

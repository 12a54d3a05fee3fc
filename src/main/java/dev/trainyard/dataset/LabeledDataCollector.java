package dev.trainyard.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.spec.Task;

/**
 * Collects a checked dataset's rows into the engine's {@link LabeledData}: features in column
 * order without the target, a categorical feature one-hot encoded over its sorted values (columns
 * named {@code column=value}; an empty cell is all zeros), and the target as labels or values.
 * An empty numeric cell is NaN, which the engine's preparation refuses, drops or imputes as the job's
 * {@code dataset.missing} says.
 * <p>
 * A categorical cell is kept as the index of its value among the column's distinct values, never as the parsed
 * string, and labels share one string per class: the rows cost their numbers, not a string per cell.
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
    /** Per categorical column, each distinct value and the index it was first seen with. */
    private List<Map<String, Integer>> seen;
    /** Row by row, each categorical cell's first-seen index, -1 when empty. */
    private int[] categoryCells = new int[1024];
    private int cellCount;
    private final Map<String, String> classes = new HashMap<>();
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
        seen = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            isCategorical[c] = categorical.contains(header.get(c));
            seen.add(isCategorical[c] ? new HashMap<>() : null);
        }
    }

    @Override
    public void row(long line, List<String> fields) {
        for (int c = 0; c < fields.size(); c++) {
            String value = fields.get(c);
            if (c == targetIndex) {
                target(value);
            } else if (isCategorical[c]) {
                category(c, value);
            } else {
                numbers = grow(numbers, numberCount + 1);
                numbers[numberCount++] = value.isEmpty() ? Double.NaN : CsvNumber.parse(value);
            }
        }
        rows++;
    }

    private void category(int column, String value) {
        Map<String, Integer> values = seen.get(column);
        Integer index = value.isEmpty() ? Integer.valueOf(-1) : values.get(value);
        if (index == null) {
            index = values.size();
            values.put(value, index);
        }
        if (cellCount == categoryCells.length) {
            categoryCells = Arrays.copyOf(categoryCells, cellCount * 2);
        }
        categoryCells[cellCount++] = index;
    }

    private void target(String value) {
        if (task == Task.CLASSIFICATION) {
            labels.add(classes.computeIfAbsent(value, first -> first));
        } else {
            values = grow(values, rows + 1);
            values[rows] = CsvNumber.parse(value);
        }
    }

    LabeledData data() {
        List<int[]> sortedIndex = new ArrayList<>();
        List<String> featureNames = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            int[] sorted = null;
            if (c != targetIndex && isCategorical[c]) {
                List<String> vocabulary = new ArrayList<>(new TreeSet<>(seen.get(c).keySet()));
                sorted = new int[vocabulary.size()];
                for (int i = 0; i < sorted.length; i++) {
                    sorted[seen.get(c).get(vocabulary.get(i))] = i;
                }
                String name = names.get(c);
                vocabulary.forEach(value -> featureNames.add(name + "=" + value));
            } else if (c != targetIndex) {
                featureNames.add(names.get(c));
            }
            sortedIndex.add(sorted);
        }
        int width = featureNames.size();
        double[] features = new double[rows * width];
        int numeric = 0;
        int cell = 0;
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            for (int c = 0; c < names.size(); c++) {
                if (c == targetIndex) {
                    continue;
                }
                int[] sorted = sortedIndex.get(c);
                if (sorted == null) {
                    features[at++] = numbers[numeric++];
                } else {
                    int first = categoryCells[cell++];
                    if (first >= 0) {
                        features[at + sorted[first]] = 1;
                    }
                    at += sorted.length;
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

package dev.trainyard.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.spec.SplitSpec;

/**
 * Turns a dataset into training, validation and test splits: class names sorted into label
 * indices; a seeded split, stratified by class for classification (each class is divided in the
 * same proportions); and standardization fitted on the training split only, so nothing of the
 * validation and test rows leaks into training. The normalizer travels with the model.
 */
public final class Preparation {

    static final long SPLIT_STREAM = 11;

    private Preparation() {
    }

    public static PreparedData prepare(LabeledData data, SplitSpec spec) {
        int rows = data.rows();
        List<String> classNames = data.labels() == null ? List.of() : data.labels().stream().distinct().sorted().toList();
        int[] labels = labelIndices(data.labels(), classNames);
        int[][] parts = labels == null ? split(indices(rows), spec, Rng.stream(spec.seed(), SPLIT_STREAM))
                : stratified(labels, classNames.size(), spec);
        Normalizer normalizer = spec.standardize() ? fit(data, parts[0]) : Normalizer.identity(data.featureCount());
        return new PreparedData(data.task(), classNames, take(data, labels, parts[0], normalizer),
                take(data, labels, parts[1], normalizer), take(data, labels, parts[2], normalizer), normalizer,
                data.image());
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
        int test = (int) Math.round(order.length * spec.test());
        int validation = (int) Math.round(order.length * spec.validation());
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
        int f = data.featureCount();
        double[] mean = new double[f];
        double[] squares = new double[f];
        for (int row : trainRows) {
            for (int j = 0; j < f; j++) {
                mean[j] += data.features()[row * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= Math.max(1, trainRows.length);
        }
        for (int row : trainRows) {
            for (int j = 0; j < f; j++) {
                double d = data.features()[row * f + j] - mean[j];
                squares[j] += d * d;
            }
        }
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            double std = Math.sqrt(squares[j] / Math.max(1, trainRows.length));
            scale[j] = std > 1e-12 ? std : 1;
        }
        return new Normalizer(mean, scale);
    }

    private static Split take(LabeledData data, int[] labels, int[] rows, Normalizer normalizer) {
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
        }
        return Split.regression(features, f, values, width);
    }
}

package dev.trainyard.engine.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.spec.Task;

/** Small datasets for learning tests: XOR, and the built-in CSVs split and standardized simply. */
final class TestData {

    private TestData() {
    }

    /** The four XOR points, used for training, validation and test alike. */
    static PreparedData xor() {
        double[] features = {0, 0, 0, 1, 1, 0, 1, 1};
        int[] labels = {0, 1, 1, 0};
        Split split = Split.classification(features, 2, labels);
        return new PreparedData(Task.CLASSIFICATION, List.of("0", "1"), split, split, split, null, null);
    }

    /** A built-in classification CSV (target last), shuffled by seed, split train/validation/test, standardized on train. */
    static PreparedData builtinClassification(String name, double validation, double test, long seed) {
        return builtinClassification(name, validation, test, seed, null);
    }

    static PreparedData builtinClassification(String name, double validation, double test, long seed, ImageShape image) {
        List<double[]> rows = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        read(name).forEach(line -> {
            String[] cells = line.split(",");
            rows.add(Arrays.stream(cells, 0, cells.length - 1).mapToDouble(Double::parseDouble).toArray());
            targets.add(cells[cells.length - 1]);
        });
        Map<String, Integer> classes = new LinkedHashMap<>();
        targets.stream().sorted().forEach(t -> classes.putIfAbsent(t, classes.size()));
        int[] order = new int[rows.size()];
        Arrays.setAll(order, i -> i);
        new Rng(seed).shuffle(order);
        int nTest = (int) Math.round(rows.size() * test);
        int nValidation = (int) Math.round(rows.size() * validation);
        int nTrain = rows.size() - nTest - nValidation;
        int features = rows.get(0).length;
        double[] mean = new double[features];
        double[] std = new double[features];
        for (int i = 0; i < nTrain; i++) {
            for (int f = 0; f < features; f++) {
                mean[f] += rows.get(order[i])[f] / nTrain;
            }
        }
        for (int i = 0; i < nTrain; i++) {
            for (int f = 0; f < features; f++) {
                double d = rows.get(order[i])[f] - mean[f];
                std[f] += d * d / nTrain;
            }
        }
        Arrays.setAll(std, f -> std[f] > 0 ? Math.sqrt(std[f]) : 1);
        Split train = slice(rows, targets, classes, order, 0, nTrain, mean, std);
        Split validationSplit = slice(rows, targets, classes, order, nTrain, nValidation, mean, std);
        Split testSplit = slice(rows, targets, classes, order, nTrain + nValidation, nTest, mean, std);
        return new PreparedData(Task.CLASSIFICATION, List.copyOf(classes.keySet()), train, validationSplit, testSplit,
                new Normalizer(mean, std), image);
    }

    private static Split slice(List<double[]> rows, List<String> targets, Map<String, Integer> classes, int[] order,
            int start, int count, double[] mean, double[] std) {
        int features = mean.length;
        double[] values = new double[count * features];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            double[] row = rows.get(order[start + i]);
            for (int f = 0; f < features; f++) {
                values[i * features + f] = (row[f] - mean[f]) / std[f];
            }
            labels[i] = classes.get(targets.get(order[start + i]));
        }
        return Split.classification(values, features, labels);
    }

    private static List<String> read(String name) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                TestData.class.getResourceAsStream("/datasets/" + name + ".csv"), StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

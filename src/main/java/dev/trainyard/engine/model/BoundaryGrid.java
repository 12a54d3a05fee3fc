package dev.trainyard.engine.model;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.data.Split;

/**
 * A two-feature classifier's class probabilities on a grid over its data (the playground view): the range of each
 * feature in the training split, widened by a tenth on each side, cut into {@code resolution} steps, and the training
 * rows themselves, in the features' own units (the model's normalizer undone).
 *
 * @param probabilities probabilities[i][j] are the probabilities of the classes, in their order, at (x[i], y[j])
 */
public record BoundaryGrid(List<String> classes, int resolution, double[] x, double[] y, double[][][] probabilities,
                           Points points) {

    /** The training rows, and the class name of each. */
    public record Points(double[] x, double[] y, List<String> label) {
    }

    /** Whether {@code model} is a classifier over two raw features, which a grid can be drawn for. */
    public static boolean drawable(TrainedModel model) {
        return model.rawFeatures() == 2 && model.classNames() != null && !model.classNames().isEmpty();
    }

    /** The grid of {@code model} over {@code train}, the training split it was fitted on (its rows normalized). */
    public static BoundaryGrid of(TrainedModel model, Split train, int resolution) {
        if (!drawable(model) || resolution < 2) {
            throw new IllegalArgumentException("a grid of at least 2 steps of a two-feature classifier");
        }
        double[] mean = model.normalizer().mean();
        double[] scale = model.normalizer().scale();
        double[] px = new double[train.rows()];
        double[] py = new double[train.rows()];
        List<String> labels = new ArrayList<>(train.rows());
        for (int r = 0; r < train.rows(); r++) {
            px[r] = train.features()[r * train.featureCount()] * scale[0] + mean[0];
            py[r] = train.features()[r * train.featureCount() + 1] * scale[1] + mean[1];
            labels.add(model.classNames().get(train.labels()[r]));
        }
        double[] x = axis(px, resolution);
        double[] y = axis(py, resolution);
        double[][] cells = new double[resolution * resolution][];
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                cells[i * resolution + j] = new double[] {x[i], y[j]};
            }
        }
        double[][] predicted = Predictor.load(model).predict(cells).outputs();
        double[][][] probabilities = new double[resolution][resolution][];
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                double[] out = predicted[i * resolution + j];
                probabilities[i][j] = out.length == 1 ? new double[] {1 - out[0], out[0]} : out; // a sigmoid's one
            }
        }
        return new BoundaryGrid(model.classNames(), resolution, x, y, probabilities, new Points(px, py, labels));
    }

    /** resolution evenly spaced values over the points' range widened by a tenth of it on each side. */
    private static double[] axis(double[] values, int resolution) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        double margin = Math.max(high - low, 1e-9) * 0.1;
        low -= margin;
        high += margin;
        double[] axis = new double[resolution];
        for (int k = 0; k < resolution; k++) {
            axis[k] = low + (high - low) * k / (resolution - 1);
        }
        return axis;
    }
}

package dev.trainyard.engine.model;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.data.InvalidDataException;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Loads a {@link TrainedModel} and predicts on raw feature rows: a missing value is given as NaN and filled by the
 * model's imputer (which also appends the missing-value indicators from the row's NaN cells), then the normalizer
 * applies. A model trained without an imputer refuses NaN. A regression trained on a standardized target predicts in
 * the target's own units.
 */
public final class Predictor {

    private static final int CHUNK = 256;

    private final TrainedModel model;
    private final Network network;
    private final Tensor input;

    private Predictor(TrainedModel model) {
        this.model = model;
        this.network = Network.build(model.model(), model.inputs(), model.outputs(), model.loss(), Precision.FLOAT, 0);
        network.parameters().setAll(model.parameters());
        List<Tensor> state = network.state();
        List<double[]> saved = model.state();
        if (state.size() != saved.size()) {
            throw new IllegalArgumentException("the model holds " + saved.size() + " state tensors, its architecture needs "
                    + state.size());
        }
        for (int i = 0; i < state.size(); i++) {
            state.get(i).setAll(saved.get(i));
        }
        network.allocate(CHUNK);
        this.input = Tensor.zeros(Precision.FLOAT, CHUNK, model.inputs());
    }

    public static Predictor load(TrainedModel model) {
        return new Predictor(model);
    }

    /** Predicts every row; each must have exactly as many raw features as the model was trained on. */
    public Prediction predict(double[][] rows) {
        double[][] outputs = new double[rows.length][];
        double[] normalized = new double[model.inputs()];
        double[] imputed = new double[model.inputs()];
        int width = model.rawFeatures();
        for (int start = 0; start < rows.length; start += CHUNK) {
            int n = Math.min(CHUNK, rows.length - start);
            Tensor x = input.topRows(n);
            for (int r = 0; r < n; r++) {
                double[] row = rows[start + r];
                if (row == null || row.length != width) {
                    throw new InvalidDataException("row " + (start + r) + " has " + (row == null ? 0 : row.length)
                            + " features; the model takes " + width);
                }
                if (model.imputer() != null) {
                    model.imputer().apply(row, imputed);
                } else {
                    for (int f = 0; f < width; f++) {
                        if (Double.isNaN(row[f])) {
                            throw new InvalidDataException("row " + (start + r) + " has no value for feature " + f
                                    + "; the model was trained without imputing missing values");
                        }
                    }
                    System.arraycopy(row, 0, imputed, 0, width);
                }
                model.normalizer().apply(imputed, normalized);
                for (int f = 0; f < normalized.length; f++) {
                    x.set(r, f, normalized[f]);
                }
            }
            Tensor p = network.predict(x);
            for (int r = 0; r < n; r++) {
                outputs[start + r] = new double[p.cols()];
                for (int c = 0; c < p.cols(); c++) {
                    outputs[start + r][c] = model.target() == null ? p.get(r, c) : model.target().invert(c, p.get(r, c));
                }
            }
        }
        return model.task() == Task.CLASSIFICATION ? withClasses(outputs) : new Prediction(outputs, null, null);
    }

    private Prediction withClasses(double[][] outputs) {
        int[] classes = new int[outputs.length];
        List<String> labels = new ArrayList<>(outputs.length);
        for (int r = 0; r < outputs.length; r++) {
            double[] p = outputs[r];
            int best = 0;
            if (p.length == 1) {
                best = p[0] >= 0.5 ? 1 : 0;
            } else {
                for (int c = 1; c < p.length; c++) {
                    best = p[c] > p[best] ? c : best;
                }
            }
            classes[r] = best;
            labels.add(model.classNames().get(best));
        }
        return new Prediction(outputs, classes, labels);
    }
}

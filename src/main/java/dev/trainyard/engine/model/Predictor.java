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

    private static final int CHUNK = 128;

    private final TrainedModel model;
    private final Network network;
    private final Tensor input;
    /** The normalizer as x' = (x - shift) * inverseScale over the network's inputs. */
    private final double[] shift;
    private final double[] inverseScale;

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
        this.shift = model.normalizer().mean();
        this.inverseScale = model.normalizer().scale();
        for (int f = 0; f < inverseScale.length; f++) {
            inverseScale[f] = 1 / inverseScale[f];
        }
    }

    public static Predictor load(TrainedModel model) {
        return new Predictor(model);
    }

    /** Predicts every row; each must have exactly as many raw features as the model was trained on. */
    public Prediction predict(double[][] rows) {
        int outputs = network.outputWidth();
        double[][] predicted = new double[rows.length][outputs];
        double[] imputed = model.imputer() == null ? null : new double[model.inputs()];
        for (int start = 0; start < rows.length; start += CHUNK) {
            int n = Math.min(CHUNK, rows.length - start);
            Tensor x = input.topRows(n);
            for (int r = 0; r < n; r++) {
                encode(rows[start + r], start + r, imputed, x.floats(), x.offset() + r * shift.length);
            }
            Tensor p = network.predict(x);
            float[] ps = p.floats();
            for (int r = 0, at = p.offset(); r < n; r++) {
                double[] out = predicted[start + r];
                for (int c = 0; c < outputs; c++, at++) {
                    out[c] = model.target() == null ? ps[at] : model.target().invert(c, ps[at]);
                }
            }
        }
        return model.task() == Task.CLASSIFICATION ? withClasses(predicted) : new Prediction(predicted, null, null);
    }

    /** Imputes (or refuses NaN), then normalizes one raw row into the network's float input at {@code to}. */
    private void encode(double[] row, int index, double[] imputed, float[] into, int to) {
        int width = model.rawFeatures();
        if (row == null || row.length != width) {
            throw new InvalidDataException("row " + index + " has " + (row == null ? 0 : row.length)
                    + " features; the model takes " + width);
        }
        double[] values = row;
        if (imputed != null) {
            model.imputer().apply(row, imputed);
            values = imputed;
        }
        boolean missing = false;
        for (int f = 0; f < shift.length; f++) {
            double v = values[f];
            missing |= v != v; // NaN: the imputer left none, so only a model without one meets it
            into[to + f] = (float) ((v - shift[f]) * inverseScale[f]);
        }
        if (missing) {
            for (int f = 0; f < width; f++) {
                if (Double.isNaN(row[f])) {
                    throw new InvalidDataException("row " + index + " has no value for feature " + f
                            + "; the model was trained without imputing missing values");
                }
            }
        }
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

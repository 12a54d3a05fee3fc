package dev.trainyard.engine.diagnose;

import java.util.List;
import java.util.Map;

import dev.trainyard.engine.nn.LayerActivity;
import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.tensor.Kernels;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Per-layer numbers that show how gradients flow: the norm of each layer's weight gradient
 * (vanishing when it shrinks layer by layer towards the input, exploding when it grows), the
 * weight norm, the update-to-weight ratio ||dW|| / ||W|| of a step (around 1e-3 is healthy), the
 * fraction of dead ReLU units (zero for every sample of a batch) and of saturated sigmoid/tanh
 * activations (within 0.01 of their bounds, where the derivative is nearly zero), both over the
 * first {@value #SAMPLE_ROWS} rows of the batch at most.
 */
public final class GradientFlow {

    static final double SATURATION_MARGIN = 0.01;
    /** Activity statistics look at up to this many rows of the batch: enough for a fraction, cheap for a full batch. */
    static final int SAMPLE_ROWS = 512;

    private GradientFlow() {
    }

    /** The L2 norm of a group's slice of a flat vector. */
    public static double norm(Tensor flat, ParameterGroup group) {
        return Math.sqrt(Kernels.sumOfSquares(flat, group.offset(), group.length()));
    }

    /** ||after - before|| / ||before|| over a group. */
    public static double updateRatio(Tensor before, Tensor after, ParameterGroup group) {
        double change = 0;
        double size = 0;
        for (int i = group.offset(); i < group.offset() + group.length(); i++) {
            double b = before.get(i);
            double d = after.get(i) - b;
            change += d * d;
            size += b * b;
        }
        return size == 0 ? (change == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(change / size);
    }

    /** Fraction of units whose pre-activation is <= 0 for every row of the batch. */
    public static double deadFraction(LayerActivity activity) {
        Tensor z = sample(activity.preActivations());
        int units = z.cols();
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean alive = false;
            for (int r = 0; r < z.rows() && !alive; r++) {
                alive = z.get(r, u) > 0;
            }
            dead += alive ? 0 : 1;
        }
        return (double) dead / units;
    }

    /** Fraction of activations within 0.01 of the activation's bounds (sigmoid 0 and 1, tanh -1 and 1). */
    public static double saturatedFraction(LayerActivity activity) {
        Tensor a = sample(activity.activations());
        double low = activity.activation() == Activation.TANH ? -1 : 0;
        int saturated = 0;
        if (a.isFloat()) {
            float[] values = a.floats();
            float below = (float) (low + SATURATION_MARGIN);
            float above = (float) (1 - SATURATION_MARGIN);
            for (int i = a.offset(), end = a.offset() + a.size(); i < end; i++) {
                saturated += values[i] < below || values[i] > above ? 1 : 0;
            }
            return (double) saturated / a.size();
        }
        for (int i = 0; i < a.size(); i++) {
            double v = a.get(i);
            saturated += v < low + SATURATION_MARGIN || v > 1 - SATURATION_MARGIN ? 1 : 0;
        }
        return (double) saturated / a.size();
    }

    private static Tensor sample(Tensor batch) {
        return batch.rows() <= SAMPLE_ROWS ? batch : batch.topRows(SAMPLE_ROWS);
    }

    /** Adds the per-layer activity metrics to an epoch's values, as layerN.dead_fraction / layerN.saturated_fraction. */
    public static void addActivity(List<LayerActivity> layers, Map<String, Double> values) {
        for (LayerActivity layer : layers) {
            Activation kind = layer.activation();
            if (kind == Activation.RELU || kind == Activation.LEAKY_RELU) {
                values.put(layer.layer() + ".dead_fraction", deadFraction(layer));
            } else if (kind == Activation.SIGMOID || kind == Activation.TANH) {
                values.put(layer.layer() + ".saturated_fraction", saturatedFraction(layer));
            }
        }
    }

    /** The variance of all of a tensor's values (over rows and columns together), in double precision. */
    public static double variance(Tensor x) {
        double sum = 0;
        double squares = 0;
        int n = x.size();
        for (int i = 0; i < n; i++) {
            double v = x.get(i);
            sum += v;
            squares += v * v;
        }
        double mean = sum / n;
        return Math.max(0, squares / n - mean * mean);
    }

    /**
     * Adds each hidden dense layer's {@code unit_spread}: the largest difference between two of its units' weights
     * from the same input, or biases. It is 0 exactly when every unit has the same weights, which a symmetric
     * initialization (zeros, a constant) keeps for ever.
     */
    public static void addUnitSpread(Tensor parameters, List<ParameterGroup> groups, Map<String, Double> values) {
        for (int g = 0; g + 1 < groups.size(); g++) {
            ParameterGroup weights = groups.get(g);
            ParameterGroup biases = groups.get(g + 1);
            if (!weights.isWeights() || biases.kind() != ParameterGroup.Kind.BIASES
                    || !biases.layer().equals(weights.layer()) || weights.layer().equals("output")) {
                continue;
            }
            int units = biases.length();
            double spread = range(parameters, biases.offset(), units);
            for (int row = weights.offset(), end = weights.offset() + weights.length(); row < end; row += units) {
                spread = Math.max(spread, range(parameters, row, units));
            }
            values.put(weights.layer() + ".unit_spread", spread);
        }
    }

    private static double range(Tensor flat, int from, int length) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + length; i++) {
            double v = flat.get(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }
}

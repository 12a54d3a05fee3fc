package dev.trainyard.engine.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.engine.diagnose.GradientFlow;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Adds up one epoch's steps into its metrics: mean training loss and accuracy, mean global and
 * per-layer gradient norms, the largest step's global norm ({@code grad_norm_max}), from the epoch's
 * last step the update-to-weight ratios, each hidden layer's unit spread (0 when all its units are
 * identical), and from the epoch's first step the variance of the input and of each dense layer's
 * pre-activations ({@code input.variance}, {@code preact_variance}): at epoch 0 they show whether the
 * initialization keeps the signal's scale.
 */
final class EpochTally {

    private final Network network;
    private final List<ParameterGroup> weights;
    private final double[] layerNormSums;
    private final Tensor before;
    private double lossSum;
    private double normSum;
    private double normMax;
    private long correct;
    private int rows;
    private int steps;
    private Map<String, Double> firstStepScale = Map.of();

    EpochTally(Network network, Tensor before) {
        this.network = network;
        this.weights = network.groups().stream().filter(ParameterGroup::isWeights).toList();
        this.layerNormSums = new double[weights.size()];
        this.before = before;
    }

    void step(double loss, double globalNorm, long correctRows, int n) {
        lossSum += loss * n;
        normSum += globalNorm;
        normMax = Math.max(normMax, globalNorm);
        correct += correctRows;
        rows += n;
        steps++;
        for (int i = 0; i < weights.size(); i++) {
            layerNormSums[i] += GradientFlow.norm(network.gradients(), weights.get(i));
        }
    }

    /** Call after the epoch's first forward pass. */
    void recordScale(Tensor input) {
        firstStepScale = new LinkedHashMap<>();
        firstStepScale.put("input.variance", GradientFlow.variance(input));
        network.activity().forEach(layer -> firstStepScale.put(layer.layer() + ".preact_variance",
                GradientFlow.variance(layer.preActivations())));
    }

    /** Call before the optimizer step that ends the epoch, so its update can be measured. */
    void rememberWeights() {
        before.copyFrom(network.parameters());
    }

    int steps() {
        return steps;
    }

    Map<String, Double> metrics(boolean classification, double learningRate, double seconds) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", lossSum / rows);
        if (classification) {
            values.put("train_accuracy", (double) correct / rows);
        }
        values.put("learning_rate", learningRate);
        values.put("grad_norm", normSum / steps);
        values.put("grad_norm_max", normMax);
        values.put("epoch_seconds", seconds);
        values.put("samples_per_second", rows / seconds);
        for (int i = 0; i < weights.size(); i++) {
            ParameterGroup group = weights.get(i);
            values.put(group.layer() + ".grad_norm", layerNormSums[i] / steps);
            values.put(group.layer() + ".weight_norm", GradientFlow.norm(network.parameters(), group));
            values.put(group.layer() + ".update_ratio", GradientFlow.updateRatio(before, network.parameters(), group));
        }
        GradientFlow.addActivity(network.activity(), values);
        GradientFlow.addUnitSpread(network.parameters(), network.groups(), values);
        values.putAll(firstStepScale);
        return values;
    }
}

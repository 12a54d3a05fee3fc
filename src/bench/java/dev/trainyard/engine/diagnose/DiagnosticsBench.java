package dev.trainyard.engine.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.train.EpochMetrics;
import dev.trainyard.engine.train.Trainer;

/**
 * What diagnostics cost (see {@code src/bench/diagnostics.sh}):
 * <ul>
 *   <li>{@code rules}: {@link Diagnostics#diagnose} over the history of a 1,000-epoch job with 8 dense layers, every
 *   metric training records (per layer grad_norm, weight_norm, update_ratio, dead_fraction, unit_spread,
 *   preact_variance; the run's losses, accuracies, grad_norm, grad_norm_max, input.variance, learning_rate),
 *   median of 51 runs after 20 warm-up ones;</li>
 *   <li>{@code overhead}: the statistics training records for diagnostics alone (each layer's unit spread, and the
 *   variances of the epoch's first step, once per epoch; the largest step gradient norm is one comparison a step),
 *   timed on W1's and W2's networks (784-256-128-10 and 2-16-16-1), against the epoch time of those workloads
 *   trained here with their batch sizes; medians of interleaved rounds.</li>
 * </ul>
 * Each prints one JSON line.
 */
public final class DiagnosticsBench {

    public static void main(String[] args) {
        rules();
        overhead("W1", 20_000, 784, new int[] {256, 128}, 10, 128, Activation.RELU, 3);
        overhead("W2", 4_000, 2, new int[] {16, 16}, 1, 32, Activation.TANH, 40);
    }

    private static void rules() {
        int epochs = 1_000;
        int layers = 8;
        SplittableRandom random = new SplittableRandom(5);
        History.Builder h = History.builder();
        for (int e = 0; e < epochs; e++) {
            double progress = Math.exp(-e / 200.0);
            h.add("train_loss", e, 2.3 * progress + 0.05 * random.nextDouble());
            h.add("val_loss", e, 2.3 * progress + 0.1 + 0.05 * random.nextDouble());
            h.add("train_accuracy", e, 1 - progress).add("val_accuracy", e, 0.95 - progress);
            h.add("grad_norm", e, progress + 0.01 * random.nextDouble()).add("learning_rate", e, 1e-3);
            h.add("grad_norm_max", e, 3 * progress + 0.03 * random.nextDouble()).add("input.variance", e, 1);
            h.add("output.grad_norm", e, 0.5 * progress + 0.01).add("output.weight_norm", e, 3);
            for (int l = 0; l < layers; l++) {
                String name = "layer" + l;
                h.add(name + ".grad_norm", e, (0.1 + 0.05 * l) * progress + 0.001 * random.nextDouble());
                h.add(name + ".weight_norm", e, 4 + 0.01 * e).add(name + ".update_ratio", e, 1e-3 * progress + 1e-5);
                h.add(name + ".dead_fraction", e, 0.1 * random.nextDouble()).add(name + ".unit_spread", e, 0.8);
                h.add(name + ".preact_variance", e, 1.2);
            }
        }
        LayerSpec[] dense = new LayerSpec[layers];
        for (int l = 0; l < layers; l++) {
            dense[l] = LayerSpec.Dense.of(64, Activation.RELU);
        }
        History history = h.build();
        Facts facts = new Facts(Specs.model(dense).build(), Specs.training(epochs).adam(1e-3).build(), SplitSpec.DEFAULT,
                Task.CLASSIFICATION, new long[] {500, 480, 510}, new double[] {1, 2, 3}, null);
        double[] millis = new double[51];
        int found = 0;
        for (int run = -20; run < millis.length; run++) {
            long t0 = System.nanoTime();
            found = Diagnostics.diagnose(history, facts, Thresholds.DEFAULT).size();
            if (run >= 0) {
                millis[run] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(millis);
        System.out.printf(java.util.Locale.ROOT, "{\"phase\": \"rules\", \"epochs\": %d, \"dense_layers\": %d, "
                + "\"metrics\": %d, \"findings\": %d, \"median_ms\": %.3f, \"max_ms\": %.3f}%n", epochs, layers,
                5 * layers + 9, found, millis[millis.length / 2], millis[millis.length - 1]);
    }

    /** The diagnostics statistics of one epoch on the workload's network, against the epoch time of training it. */
    private static void overhead(String workload, int samples, int features, int[] hidden, int outputs, int batch,
            Activation activation, int epochs) {
        LayerSpec[] layers = Arrays.stream(hidden).mapToObj(units -> LayerSpec.Dense.of(units, activation))
                .toArray(LayerSpec[]::new);
        ModelSpec model = Specs.model(layers).build();
        SplittableRandom random = new SplittableRandom(1234);
        double[] x = new double[samples * features];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            for (int f = 0; f < features; f++) {
                x[i * features + f] = random.nextDouble() * 2 - 1;
            }
            labels.add(outputs > 1 ? "c" + random.nextInt(outputs)
                    : (x[i * features] * x[i * features + 1] > 0 ? "a" : "b"));
        }
        LabeledData data = LabeledData.classification(x, features, labels);
        var prepared = Preparation.prepare(data, new SplitSpec(0, 0, true, 7));
        var training = Specs.training(epochs).batch(Batch.of(batch))
                .optimizer(outputs > 1 ? new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8) : new OptimizerSpec.Sgd(0.1))
                .build();
        Network network = Network.build(model, features, outputs == 1 ? 1 : outputs, outputs > 1
                ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.BINARY_CROSS_ENTROPY, Precision.FLOAT, 3);
        network.allocate(batch);
        var input = dev.trainyard.engine.tensor.Tensor.zeros(Precision.FLOAT, batch, features);
        network.forward(input, dev.trainyard.engine.tensor.Tensor.zeros(Precision.FLOAT, batch, outputs), true);
        int rounds = 5;
        double[] epochSeconds = new double[rounds];
        double[] statsSeconds = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            List<Double> times = new ArrayList<>();
            Trainer.train(model, training, prepared, (EpochMetrics m) -> times.add(m.get("epoch_seconds")));
            double epoch = median(times.subList(times.size() / 2, times.size()));
            int reps = 200;
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                Map<String, Double> values = new HashMap<>();
                GradientFlow.addUnitSpread(network.parameters(), network.groups(), values);
            }
            double spread = (System.nanoTime() - t0) / 1e9 / reps;
            long t1 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                GradientFlow.variance(input);
                network.activity().forEach(layer -> GradientFlow.variance(layer.preActivations()));
            }
            double firstStep = (System.nanoTime() - t1) / 1e9 / reps; // once per epoch, at its first step
            if (round >= 0) {
                epochSeconds[round] = epoch;
                statsSeconds[round] = spread + firstStep;
            }
        }
        Arrays.sort(epochSeconds);
        Arrays.sort(statsSeconds);
        double e = epochSeconds[rounds / 2];
        double s = statsSeconds[rounds / 2];
        System.out.printf(java.util.Locale.ROOT, "{\"phase\": \"overhead\", \"workload\": \"%s\", \"epoch_ms\": %.3f, "
                + "\"diagnostics_statistics_ms_per_epoch\": %.4f, \"overhead_percent\": %.3f}%n", workload, 1e3 * e,
                1e3 * s, 100 * s / e);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}

package dev.trainyard.engine.train;

import java.util.HashMap;
import java.util.Map;

import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Runs a split through the network in inference mode, in chunks of the network's batch size, and
 * measures it: loss, and accuracy with a confusion matrix, or MAE, RMSE and R^2. A regression trained on a
 * standardized target is measured in the target's own units (predictions and targets inverted through
 * {@code target} first); its loss stays the training objective, in standardized units.
 */
final class Evaluator {

    private Evaluator() {
    }

    /** Evaluates features (rows x f) against encoded targets (rows x outputs). */
    static Evaluation evaluate(Network network, Targets targets, Tensor features, Tensor encoded, Split split,
            Batches batches, Normalizer target) {
        int rows = features.rows();
        double lossSum = 0;
        long correct = 0;
        int classes = targets.outputs() == 1 ? 2 : targets.outputs();
        long[][] confusion = targets.task() == Task.CLASSIFICATION ? new long[classes][classes] : null;
        double absolute = 0;
        double squares = 0;
        double[] sums = new double[targets.outputs()];
        double[] sumSquares = new double[targets.outputs()];
        for (int start = 0; start < rows; start += batches.capacity()) {
            int n = Math.min(batches.capacity(), rows - start);
            Tensor bx = batches.features(features, start, n);
            Tensor by = batches.targets(encoded, start, n);
            lossSum += network.forward(bx, by, false) * n;
            Tensor p = network.lastPredictions();
            for (int r = 0; r < n; r++) {
                if (confusion != null) {
                    int predicted = targets.predictedClass(p, r);
                    int actual = split.labels()[start + r];
                    confusion[actual][predicted]++;
                    correct += predicted == actual ? 1 : 0;
                } else {
                    for (int c = 0; c < targets.outputs(); c++) {
                        double actual = by.get(r, c);
                        double predicted = p.get(r, c);
                        if (target != null) {
                            actual = target.invert(c, actual);
                            predicted = target.invert(c, predicted);
                        }
                        double error = predicted - actual;
                        absolute += Math.abs(error);
                        squares += error * error;
                        sums[c] += actual;
                        sumSquares[c] += actual * actual;
                    }
                }
            }
        }
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("loss", lossSum / rows);
        if (confusion != null) {
            metrics.put("accuracy", (double) correct / rows);
        } else {
            double count = (double) rows * targets.outputs();
            double total = 0;
            for (int c = 0; c < targets.outputs(); c++) {
                total += sumSquares[c] - sums[c] * sums[c] / rows;
            }
            metrics.put("mae", absolute / count);
            metrics.put("rmse", Math.sqrt(squares / count));
            metrics.put("r2", total > 0 ? 1 - squares / total : 0);
        }
        return new Evaluation(rows, metrics, confusion);
    }
}

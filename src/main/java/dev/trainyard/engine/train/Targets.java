package dev.trainyard.engine.train;

import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The output and loss a model uses for a task, and the target matrix they expect. AUTO picks
 * softmax + cross-entropy for several classes, one sigmoid output + binary cross-entropy for two,
 * and a linear output + mean squared error for regression.
 */
record Targets(Loss loss, int outputs, Task task) {

    /** The model's loss for the data's task ({@link ModelSpec#lossFor}, refusing a misfit) and the outputs it needs. */
    static Targets resolve(ModelSpec model, PreparedData data) {
        Loss loss = model.lossFor(data.task(), data.classes());
        if (data.task() == Task.REGRESSION) {
            return new Targets(loss, data.train().targetWidth(), Task.REGRESSION);
        }
        boolean singleSigmoid = loss == Loss.BINARY_CROSS_ENTROPY && data.classes() == 2;
        return new Targets(loss, singleSigmoid ? 1 : data.classes(), Task.CLASSIFICATION);
    }

    /** The rows x outputs target matrix of a split: one-hot labels, a 0/1 column, or the values. */
    Tensor encode(Split split, Precision precision) {
        Tensor targets = Tensor.zeros(precision, split.rows(), outputs);
        for (int r = 0; r < split.rows(); r++) {
            if (task == Task.REGRESSION) {
                for (int c = 0; c < outputs; c++) {
                    targets.set(r, c, split.values()[r * outputs + c]);
                }
            } else if (outputs == 1) {
                targets.set(r, 0, split.labels()[r]);
            } else {
                targets.set(r, split.labels()[r], 1);
            }
        }
        return targets;
    }

    /** The class a row of predictions says. */
    int predictedClass(Tensor predictions, int row) {
        if (outputs == 1) {
            return predictions.get(row, 0) >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < outputs; c++) {
            if (predictions.get(row, c) > predictions.get(row, best)) {
                best = c;
            }
        }
        return best;
    }
}

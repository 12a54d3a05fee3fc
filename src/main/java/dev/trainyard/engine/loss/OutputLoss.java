package dev.trainyard.engine.loss;

import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The output activation fused with its loss. Fusing them gives the numerically stable gradient
 * with respect to the output layer's pre-activation z, which for the matched pairs is simply
 * (prediction - target) / n: no division by a probability that may be 0.
 */
public sealed interface OutputLoss permits SoftmaxCrossEntropy, SigmoidBinaryCrossEntropy, MeanSquaredError {

    /** Writes the predictions for z into {@code predictions} and returns the loss averaged over the n rows. */
    double forward(Tensor z, Tensor targets, Tensor predictions);

    /** Writes dLoss/dz into {@code dz}, from the predictions of the last forward pass. */
    void gradient(Tensor predictions, Tensor targets, Tensor dz);

    /** Predictions only (inference). */
    void predict(Tensor z, Tensor predictions);

    /** dz = (predictions - targets) * scale: the fused gradient of every matched output and loss. */
    static void scaledDifference(Tensor predictions, Tensor targets, Tensor dz, double scale) {
        for (int i = 0; i < predictions.size(); i++) {
            dz.set(i, (predictions.get(i) - targets.get(i)) * scale);
        }
    }

    static OutputLoss of(Loss loss) {
        return switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropy();
            case BINARY_CROSS_ENTROPY -> new SigmoidBinaryCrossEntropy();
            case MEAN_SQUARED_ERROR -> new MeanSquaredError();
            case AUTO -> throw new IllegalArgumentException("resolve AUTO to a concrete loss first");
        };
    }
}

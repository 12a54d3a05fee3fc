package dev.trainyard.engine.loss;

import dev.trainyard.engine.activation.Activations;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.tensor.Tensor;

/**
 * p = sigmoid(z) per output; loss = mean over rows of the sum over outputs of
 * -(y log p + (1 - y) log(1 - p)), computed stably as max(z, 0) - z y + log(1 + e^-|z|).
 * Gradient: (p - y) / n.
 */
public final class SigmoidBinaryCrossEntropy implements OutputLoss {

    @Override
    public double forward(Tensor z, Tensor targets, Tensor predictions) {
        double total = 0;
        predict(z, predictions);
        for (int i = 0; i < z.size(); i++) {
            double v = z.get(i);
            total += Math.max(v, 0) - v * targets.get(i) + Math.log1p(Math.exp(-Math.abs(v)));
        }
        return total / z.rows();
    }

    @Override
    public void gradient(Tensor predictions, Tensor targets, Tensor dz) {
        OutputLoss.scaledDifference(predictions, targets, dz, 1.0 / predictions.rows());
    }

    @Override
    public void predict(Tensor z, Tensor predictions) {
        Activations.forward(Activation.SIGMOID, 0, z, predictions);
    }
}

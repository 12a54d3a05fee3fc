package dev.trainyard.engine.loss;

import dev.trainyard.engine.tensor.Tensor;

/** Linear output p = z; loss = mean over all n x k elements of (p - y)^2. Gradient: 2 (p - y) / (n k). */
public final class MeanSquaredError implements OutputLoss {

    @Override
    public double forward(Tensor z, Tensor targets, Tensor predictions) {
        double total = 0;
        for (int i = 0; i < z.size(); i++) {
            double p = z.get(i);
            predictions.set(i, p);
            double error = p - targets.get(i);
            total += error * error;
        }
        return total / z.size();
    }

    @Override
    public void gradient(Tensor predictions, Tensor targets, Tensor dz) {
        OutputLoss.scaledDifference(predictions, targets, dz, 2.0 / predictions.size());
    }

    @Override
    public void predict(Tensor z, Tensor predictions) {
        if (predictions != z) {
            predictions.copyFrom(z);
        }
    }
}

package dev.trainyard.engine.optim;

import java.util.List;

import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Per-weight step sizes from past squared gradients. Adagrad (decay 1, an accumulating sum):
 * s += g^2; RMSProp (decay beta): s = beta * s + (1 - beta) * g^2. Both then
 * w -= lr * g / sqrt(s + eps).
 */
final class SquaredGradientOptimizer extends CountingOptimizer {

    private final double decay;
    private final double epsilon;
    private final Tensor squares;

    /** @param decay 1 for Adagrad's sum, beta in (0, 1) for RMSProp's moving average */
    SquaredGradientOptimizer(double decay, double epsilon, int size, Precision precision) {
        this.decay = decay;
        this.epsilon = epsilon;
        this.squares = Tensor.zeros(precision, 1, size);
    }

    @Override
    public void step(Tensor parameters, Tensor gradients, double learningRate) {
        double fresh = decay == 1 ? 1 : 1 - decay;
        for (int i = 0; i < parameters.size(); i++) {
            double g = gradients.get(i);
            double s = decay * squares.get(i) + fresh * g * g;
            squares.set(i, s);
            parameters.set(i, parameters.get(i) - learningRate * g / Math.sqrt(s + epsilon));
        }
        steps++;
    }

    @Override
    public List<Tensor> state() {
        return List.of(squares);
    }
}

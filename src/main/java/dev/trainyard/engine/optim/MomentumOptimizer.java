package dev.trainyard.engine.optim;

import java.util.List;

import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Momentum as an exponentially weighted average of gradients: v = beta * v + (1 - beta) * g,
 * then w -= lr * v. Nesterov looks ahead along the same average: w -= lr * (beta * v + (1 - beta) * g).
 */
final class MomentumOptimizer extends CountingOptimizer {

    private final double beta;
    private final boolean nesterov;
    private final Tensor velocity;

    MomentumOptimizer(double beta, boolean nesterov, int size, Precision precision) {
        this.beta = beta;
        this.nesterov = nesterov;
        this.velocity = Tensor.zeros(precision, 1, size);
    }

    @Override
    public void step(Tensor parameters, Tensor gradients, double learningRate) {
        for (int i = 0; i < parameters.size(); i++) {
            double g = gradients.get(i);
            double v = beta * velocity.get(i) + (1 - beta) * g;
            velocity.set(i, v);
            double direction = nesterov ? beta * v + (1 - beta) * g : v;
            parameters.set(i, parameters.get(i) - learningRate * direction);
        }
        steps++;
    }

    @Override
    public List<Tensor> state() {
        return List.of(velocity);
    }
}

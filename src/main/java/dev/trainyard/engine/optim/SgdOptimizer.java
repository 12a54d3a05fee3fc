package dev.trainyard.engine.optim;

import java.util.List;

import dev.trainyard.engine.tensor.Kernels;
import dev.trainyard.engine.tensor.Tensor;

/** Plain gradient descent: w -= lr * g. */
final class SgdOptimizer extends CountingOptimizer {


    @Override
    public void step(Tensor parameters, Tensor gradients, double learningRate) {
        Kernels.axpy(-learningRate, gradients, parameters);
        steps++;
    }

    @Override
    public List<Tensor> state() {
        return List.of();
    }
}

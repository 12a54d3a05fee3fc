package dev.trainyard.engine.optim;

import java.util.List;

import dev.trainyard.engine.tensor.Kernels;
import dev.trainyard.engine.tensor.Tensor;

/** Plain gradient descent: w -= lr * g. */
final class SgdOptimizer implements Optimizer {

    private long steps;

    @Override
    public void step(Tensor parameters, Tensor gradients, double learningRate) {
        Kernels.axpy(-learningRate, gradients, parameters);
        steps++;
    }

    @Override
    public List<Tensor> state() {
        return List.of();
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void restoreSteps(long steps) {
        this.steps = steps;
    }
}

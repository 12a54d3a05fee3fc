package dev.trainyard.engine.regularization;

import java.util.List;

import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.tensor.Tensor;

/**
 * L1 and L2 penalties in the loss and the gradient, and decoupled weight decay outside it:
 * penalty = l1 * sum|w| + l2 / 2 * sum w^2, gradient += l1 * sign(w) + l2 * w over the
 * regularized groups (weights; biases, scales and shifts only when asked);
 * decay: w -= lr * weightDecay * w after the optimizer step.
 */
public final class Regularizer {

    private final Regularization spec;
    private final List<ParameterGroup> groups;

    public Regularizer(Regularization spec, List<ParameterGroup> groups) {
        this.spec = spec;
        this.groups = groups.stream().filter(g -> g.isWeights() || spec.includeBiases()).toList();
    }

    public boolean penalizes() {
        return spec.l1() > 0 || spec.l2() > 0;
    }

    public double penalty(Tensor parameters) {
        if (!penalizes()) {
            return 0;
        }
        double absolute = 0;
        double squares = 0;
        for (ParameterGroup group : groups) {
            for (int i = group.offset(); i < group.offset() + group.length(); i++) {
                double w = parameters.get(i);
                absolute += Math.abs(w);
                squares += w * w;
            }
        }
        return spec.l1() * absolute + spec.l2() / 2 * squares;
    }

    public void addGradient(Tensor parameters, Tensor gradients) {
        if (!penalizes()) {
            return;
        }
        for (ParameterGroup group : groups) {
            for (int i = group.offset(); i < group.offset() + group.length(); i++) {
                double w = parameters.get(i);
                gradients.set(i, gradients.get(i) + spec.l1() * Math.signum(w) + spec.l2() * w);
            }
        }
    }

    /** Decoupled weight decay with the step's learning rate. */
    public void decay(Tensor parameters, double learningRate) {
        double factor = 1 - learningRate * spec.weightDecay();
        if (spec.weightDecay() == 0) {
            return;
        }
        for (ParameterGroup group : groups) {
            for (int i = group.offset(); i < group.offset() + group.length(); i++) {
                parameters.set(i, parameters.get(i) * factor);
            }
        }
    }
}

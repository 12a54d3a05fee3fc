package dev.trainyard.engine.optim;

import java.util.Arrays;
import java.util.List;

import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Adam with bias correction, at step t (from 1): m = b1 * m + (1 - b1) * g;
 * v = b2 * v + (1 - b2) * g^2; m^ = m / (1 - b1^t); v^ = v / (1 - b2^t);
 * w -= lr * m^ / (sqrt(v^) + eps). AdamW adds decoupled weight decay on the decayed groups:
 * w -= lr * (m^ / (sqrt(v^) + eps) + wd * w), with w before the step.
 */
final class AdamOptimizer implements Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean[] decayed;
    private final Tensor first;
    private final Tensor second;
    private long steps;

    AdamOptimizer(double beta1, double beta2, double epsilon, double weightDecay, List<ParameterGroup> decayedGroups,
            int size, Precision precision) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decayed = new boolean[size];
        for (ParameterGroup group : decayedGroups) {
            Arrays.fill(decayed, group.offset(), group.offset() + group.length(), true);
        }
        this.first = Tensor.zeros(precision, 1, size);
        this.second = Tensor.zeros(precision, 1, size);
    }

    @Override
    public void step(Tensor parameters, Tensor gradients, double learningRate) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < parameters.size(); i++) {
            double g = gradients.get(i);
            double m = beta1 * first.get(i) + (1 - beta1) * g;
            double v = beta2 * second.get(i) + (1 - beta2) * g * g;
            first.set(i, m);
            second.set(i, v);
            double w = parameters.get(i);
            double update = (m / correction1) / (Math.sqrt(v / correction2) + epsilon);
            if (weightDecay > 0 && decayed[i]) {
                update += weightDecay * w;
            }
            parameters.set(i, w - learningRate * update);
        }
    }

    @Override
    public List<Tensor> state() {
        return List.of(first, second);
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

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
final class AdamOptimizer extends CountingOptimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean[] decayed;
    private final Tensor first;
    private final Tensor second;

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
        if (parameters.isFloat() && gradients.isFloat() && weightDecay == 0 && parameters.offset() == 0
                && gradients.offset() == 0) {
            stepFloat(parameters, gradients, learningRate, correction1, correction2);
            return;
        }
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

    /**
     * The same update over the raw float arrays (flat vectors starting at 0, indexed alike so the
     * JIT vectorizes the loop), folded as w -= (lr / c1) * m / (sqrt(v) / sqrt(c2) + eps),
     * which is algebraically the rule above.
     */
    private void stepFloat(Tensor parameters, Tensor gradients, double learningRate, double correction1,
            double correction2) {
        float[] w = parameters.floats();
        float[] g = gradients.floats();
        float[] m = first.floats();
        float[] v = second.floats();
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float step = (float) (learningRate / correction1);
        float root2 = (float) (1 / Math.sqrt(correction2));
        float eps = (float) epsilon;
        for (int i = 0, n = parameters.size(); i < n; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + (1 - b1) * gi;
            float vi = b2 * v[i] + (1 - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= step * mi / ((float) Math.sqrt(vi) * root2 + eps);
        }
    }

    @Override
    public List<Tensor> state() {
        return List.of(first, second);
    }
}

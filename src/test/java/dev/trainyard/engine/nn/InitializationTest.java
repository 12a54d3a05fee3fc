package dev.trainyard.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.optim.Optimizer;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

class InitializationTest {

    @Test
    void heHasVarianceTwoOverFanIn() {
        double[] w = sample(new Init.He(), 200, 300);
        assertThat(mean(w)).isCloseTo(0, within(0.003));
        assertThat(variance(w)).isCloseTo(2.0 / 200, within(0.0004));
    }

    @Test
    void xavierIsUniformWithinItsLimit() {
        // limit = sqrt(6 / (200 + 300)) = 0.10954451150103323; variance of U(-l, l) = l^2 / 3 = 0.004
        double[] w = sample(new Init.Xavier(), 200, 300);
        double limit = Math.sqrt(6.0 / 500);
        assertThat(largest(w)).isLessThanOrEqualTo(limit).isGreaterThan(0.99 * limit);
        assertThat(variance(w)).isCloseTo(0.004, within(0.0002));
    }

    @Test
    void normalUniformZerosAndConstant() {
        assertThat(variance(sample(new Init.Normal(0.5), 100, 100))).isCloseTo(0.25, within(0.01));
        assertThat(largest(sample(new Init.Uniform(0.2), 100, 100))).isLessThanOrEqualTo(0.2).isGreaterThan(0.199);
        assertThat(sample(new Init.Zeros(), 10, 10)).containsOnly(0);
        assertThat(sample(new Init.Constant(0.3), 10, 10)).containsOnly(0.3);
    }

    /** Zeros: every unit outputs tanh(0) = 0 and no gradient reaches the hidden weights, so nothing ever differs. */
    @Test
    void zeroInitLeavesHiddenUnitsIdentical() {
        Network network = trainSymmetric(new Init.Zeros());
        Tensor hidden = network.parameters().view(0, 3, 5);
        assertThat(hidden.toArray()).containsOnly(0);
    }

    /** A nonzero constant: units move, but all together, so the layer acts as one unit. */
    @Test
    void constantInitLeavesHiddenUnitsIdenticalThroughTraining() {
        Network network = trainSymmetric(new Init.Constant(0.2));
        Tensor hidden = network.parameters().view(0, 3, 5);
        for (int input = 0; input < 3; input++) {
            for (int unit = 1; unit < 5; unit++) {
                assertThat(hidden.get(input, unit)).as("input %d unit %d", input, unit).isEqualTo(hidden.get(input, 0));
            }
        }
        assertThat(hidden.get(0, 0)).isNotEqualTo(0.2);
    }

    /** 50 SGD steps of a 3-5-3 tanh network on random data; checks that the loss still went down. */
    private static Network trainSymmetric(Init init) {
        ModelSpec model = new ModelSpec(List.of(new LayerSpec.Dense(5, Activation.TANH, 0.01, init)),
                Output.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY);
        Network network = Network.build(model, 3, 3, Loss.SOFTMAX_CROSS_ENTROPY, Precision.DOUBLE, 1);
        network.allocate(16);
        Tensor x = Tensor.zeros(Precision.DOUBLE, 16, 3);
        Tensor y = Tensor.zeros(Precision.DOUBLE, 16, 3);
        Rng rng = new Rng(8);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, rng.nextGaussian());
        }
        for (int r = 0; r < 16; r++) {
            y.set(r, rng.nextInt(3), 1);
        }
        Optimizer sgd = Optimizer.of(new OptimizerSpec.Sgd(0.5), network.parameterCount(), List.of(), Precision.DOUBLE);
        double before = network.forward(x, y, true);
        for (int step = 0; step < 50; step++) {
            network.forward(x, y, true);
            network.backward(y);
            sgd.step(network.parameters(), network.gradients(), 0.5);
        }
        double after = network.forward(x, y, true);
        assertThat(after).as("the output biases still learn the class balance").isLessThan(before);
        return network;
    }

    private static double[] sample(Init init, int fanIn, int fanOut) {
        Tensor weights = Tensor.zeros(Precision.DOUBLE, fanIn, fanOut);
        new InitContext(new Rng(4)).fill(init, weights, Tensor.zeros(Precision.DOUBLE, 1, fanOut));
        return weights.toArray();
    }

    private static double largest(double[] values) {
        return Arrays.stream(values).map(Math::abs).max().orElseThrow();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double variance(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return sum / values.length;
    }
}

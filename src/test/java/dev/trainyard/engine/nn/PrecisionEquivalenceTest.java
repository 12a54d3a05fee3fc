package dev.trainyard.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.optim.Optimizer;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Training runs the single-precision kernels; gradient checks prove the double-precision ones.
 * This links the two: the same network and optimizers, in both precisions, agree to float accuracy.
 */
class PrecisionEquivalenceTest {

    @Test
    void singlePrecisionForwardAndBackwardMatchDouble() {
        ModelSpec model = new ModelSpec(List.of(dense(40, Activation.RELU), dense(30, Activation.TANH),
                LayerSpec.BatchNorm.DEFAULT, dense(20, Activation.SIGMOID), dense(10, Activation.LEAKY_RELU),
                new LayerSpec.Residual(List.of(dense(10, Activation.LINEAR)))), Output.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY);
        int rows = 64;
        Network single = Network.build(model, 12, 5, Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT, 3);
        Network reference = Network.build(model, 12, 5, Loss.SOFTMAX_CROSS_ENTROPY, Precision.DOUBLE, 3);
        single.allocate(rows);
        reference.allocate(rows);
        reference.parameters().setAll(single.parameters().toArray());
        Tensor[] x = {Tensor.zeros(Precision.FLOAT, rows, 12), Tensor.zeros(Precision.DOUBLE, rows, 12)};
        Tensor[] y = {Tensor.zeros(Precision.FLOAT, rows, 5), Tensor.zeros(Precision.DOUBLE, rows, 5)};
        Rng rng = new Rng(1);
        for (int i = 0; i < rows * 12; i++) {
            float v = (float) rng.nextGaussian();
            x[0].set(i, v);
            x[1].set(i, v);
        }
        for (int r = 0; r < rows; r++) {
            int label = rng.nextInt(5);
            y[0].set(r, label, 1);
            y[1].set(r, label, 1);
        }
        double lossSingle = single.forward(x[0], y[0], true);
        double lossReference = reference.forward(x[1], y[1], true);
        single.backward(y[0]);
        reference.backward(y[1]);

        assertThat(lossSingle).isCloseTo(lossReference, within(1e-5 * Math.abs(lossReference)));
        double[] g = single.gradients().toArray();
        double[] expected = reference.gradients().toArray();
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < g.length; i++) {
            assertThat(g[i]).as("gradient %d", i).isCloseTo(expected[i], within(2e-5 * scale));
        }
    }

    static List<OptimizerSpec> optimizers() {
        return List.of(new OptimizerSpec.Sgd(0.1), new OptimizerSpec.Momentum(0.1, 0.9), new OptimizerSpec.Nesterov(0.1, 0.9),
                new OptimizerSpec.Adagrad(0.1, 1e-8), new OptimizerSpec.RmsProp(0.01, 0.9, 1e-8),
                OptimizerSpec.Adam.defaults(0.01), new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.1));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void singlePrecisionOptimizersMatchDouble(OptimizerSpec spec) {
        int n = 1000;
        List<ParameterGroup> weights = List.of(new ParameterGroup("layer0", ParameterGroup.Kind.WEIGHTS, 0, n / 2));
        Optimizer single = Optimizer.of(spec, n, weights, Precision.FLOAT);
        Optimizer reference = Optimizer.of(spec, n, weights, Precision.DOUBLE);
        Tensor[] w = {Tensor.zeros(Precision.FLOAT, 1, n), Tensor.zeros(Precision.DOUBLE, 1, n)};
        Tensor[] g = {Tensor.zeros(Precision.FLOAT, 1, n), Tensor.zeros(Precision.DOUBLE, 1, n)};
        Rng rng = new Rng(2);
        for (int i = 0; i < n; i++) {
            float v = (float) rng.nextGaussian();
            w[0].set(i, v);
            w[1].set(i, v);
        }
        for (int step = 0; step < 20; step++) {
            for (int i = 0; i < n; i++) {
                float v = (float) rng.nextGaussian();
                g[0].set(i, v);
                g[1].set(i, v);
            }
            single.step(w[0], g[0], spec.learningRate());
            reference.step(w[1], g[1], spec.learningRate());
        }
        assertThat(w[0].toArray()).containsExactly(w[1].toArray(), within(2e-5));
    }

    private static LayerSpec dense(int units, Activation activation) {
        return new LayerSpec.Dense(units, activation, 0.05, new Init.Xavier());
    }
}

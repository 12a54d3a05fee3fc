package dev.trainyard.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * One- and two-step values worked out by hand from each rule, for a weight w = 1 with gradient
 * g = 0.5 at every step (and a second weight with g = -3 where the sign matters).
 */
class OptimizerGoldenTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void sgd() {
        // w = 1 - 0.1 * 0.5 = 0.95; then 0.95 - 0.05 = 0.9
        assertThat(run(new OptimizerSpec.Sgd(0.1), 0.1, 2)).containsExactly(new double[] {0.95, 0.9}, within(TOLERANCE));
    }

    @Test
    void momentumIsAnExponentiallyWeightedAverage() {
        // v1 = 0.1 * 0.5 = 0.05, w1 = 1 - 0.1 * 0.05 = 0.995
        // v2 = 0.9 * 0.05 + 0.05 = 0.095, w2 = 0.995 - 0.0095 = 0.9855
        assertThat(run(new OptimizerSpec.Momentum(0.1, 0.9), 0.1, 2))
                .containsExactly(new double[] {0.995, 0.9855}, within(TOLERANCE));
    }

    @Test
    void nesterovLooksAhead() {
        // v1 = 0.05, w1 = 1 - 0.1 * (0.9 * 0.05 + 0.1 * 0.5) = 1 - 0.0095 = 0.9905
        // v2 = 0.095, w2 = 0.9905 - 0.1 * (0.9 * 0.095 + 0.05) = 0.9905 - 0.01355 = 0.97695
        assertThat(run(new OptimizerSpec.Nesterov(0.1, 0.9), 0.1, 2))
                .containsExactly(new double[] {0.9905, 0.97695}, within(TOLERANCE));
    }

    @Test
    void adagradShrinksItsStepsAsSquaresAccumulate() {
        // s1 = 0.25, w1 = 1 - 0.1 * 0.5 / 0.5 = 0.9; s2 = 0.5, w2 = 0.9 - 0.05 / sqrt(0.5) = 0.8292893218813452
        assertThat(run(new OptimizerSpec.Adagrad(0.1, 1e-12), 0.1, 2))
                .containsExactly(new double[] {0.9, 0.8292893218813452}, within(1e-9));
    }

    @Test
    void rmsPropUsesAMovingAverageOfSquares() {
        // s1 = 0.1 * 0.25 = 0.025, w1 = 1 - 0.05 / sqrt(0.025) = 1 - 0.31622776601683794 = 0.683772233983162
        // s2 = 0.9 * 0.025 + 0.025 = 0.0475, w2 = w1 - 0.05 / sqrt(0.0475) = w1 - 0.22941573387056177
        assertThat(run(new OptimizerSpec.RmsProp(0.1, 0.9, 1e-12), 0.1, 2))
                .containsExactly(new double[] {0.683772233983162, 0.683772233983162 - 0.22941573387056177}, within(1e-9));
    }

    @Test
    void adamMovesEachWeightByAboutTheLearningRateAgainstItsGradientSign() {
        // Step 1: m^ = g, v^ = g^2, so w moves by lr * g / |g| = lr. With a constant gradient every
        // step does: m2 = 0.095, v2 = 0.00049975; m^ = 0.095 / 0.19 = 0.5, v^ = 0.00049975 / 0.001999 = 0.25.
        Tensor w = Tensor.of(Precision.DOUBLE, new double[][] {{1, 1}});
        Tensor g = Tensor.of(Precision.DOUBLE, new double[][] {{0.5, -3}});
        Optimizer adam = Optimizer.of(OptimizerSpec.Adam.defaults(0.001), 2, List.of(), Precision.DOUBLE);
        adam.step(w, g, 0.001);
        assertThat(w.toArray()).containsExactly(new double[] {0.999, 1.001}, within(1e-10));
        adam.step(w, g, 0.001);
        assertThat(w.toArray()).containsExactly(new double[] {0.998, 1.002}, within(1e-10));
        assertThat(adam.steps()).isEqualTo(2);
    }

    @Test
    void adamWDecaysOnlyTheDecayedGroupsOutsideTheGradient() {
        // Decayed weight: w1 = 1 - 0.001 * (1 + 0.1 * 1) = 0.9989; the other moves by lr only: 0.999
        Tensor w = Tensor.of(Precision.DOUBLE, new double[][] {{1, 1}});
        Tensor g = Tensor.of(Precision.DOUBLE, new double[][] {{0.5, 0.5}});
        Optimizer adamW = Optimizer.of(new OptimizerSpec.AdamW(0.001, 0.9, 0.999, 1e-8, 0.1), 2,
                List.of(new ParameterGroup("layer0", ParameterGroup.Kind.WEIGHTS, 0, 1)), Precision.DOUBLE);
        adamW.step(w, g, 0.001);
        assertThat(w.toArray()).containsExactly(new double[] {0.9989, 0.999}, within(1e-10));
    }

    /** Applies the optimizer to w = 1 with g = 0.5 for the given steps, returning w after each. */
    private static double[] run(OptimizerSpec spec, double learningRate, int steps) {
        Tensor w = Tensor.of(Precision.DOUBLE, new double[][] {{1}});
        Tensor g = Tensor.of(Precision.DOUBLE, new double[][] {{0.5}});
        Optimizer optimizer = Optimizer.of(spec, 1, List.of(), Precision.DOUBLE);
        double[] trace = new double[steps];
        for (int i = 0; i < steps; i++) {
            optimizer.step(w, g, learningRate);
            trace[i] = w.get(0);
        }
        return trace;
    }
}

package dev.trainyard.engine.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

class RegularizationTest {

    // Two weights (2, -1) then one bias (3).
    private static final List<ParameterGroup> GROUPS = List.of(
            new ParameterGroup("layer0", ParameterGroup.Kind.WEIGHTS, 0, 2),
            new ParameterGroup("layer0", ParameterGroup.Kind.BIASES, 2, 1));

    @Test
    void penaltiesCoverWeightsAndBiasesOnlyWhenAsked() {
        Tensor w = Tensor.of(Precision.DOUBLE, new double[][] {{2, -1, 3}});
        // l1 * (2 + 1) + l2 / 2 * (4 + 1) = 0.1 * 3 + 0.5 * 0.2 * 5 = 0.8
        assertThat(new Regularizer(new Regularization(0.1, 0.2, 0, false), GROUPS).penalty(w)).isCloseTo(0.8, within(1e-15));
        // with the bias: 0.1 * 6 + 0.1 * 14 = 2.0
        assertThat(new Regularizer(new Regularization(0.1, 0.2, 0, true), GROUPS).penalty(w)).isCloseTo(2.0, within(1e-15));
    }

    @Test
    void gradientsAddSignAndWeight() {
        Tensor w = Tensor.of(Precision.DOUBLE, new double[][] {{2, -1, 3}});
        Tensor g = Tensor.of(Precision.DOUBLE, new double[][] {{0, 0, 0}});
        new Regularizer(new Regularization(0.1, 0.2, 0, false), GROUPS).addGradient(w, g);
        // 0.1 * sign(w) + 0.2 * w = (0.5, -0.3), bias untouched
        assertThat(g.toArray()).containsExactly(new double[] {0.5, -0.3, 0}, within(1e-15));
    }

    @Test
    void decoupledDecayShrinksWeightsByLrTimesDecay() {
        Tensor w = Tensor.of(Precision.DOUBLE, new double[][] {{2, -1, 3}});
        new Regularizer(new Regularization(0, 0, 0.5, false), GROUPS).decay(w, 0.1);
        // w * (1 - 0.1 * 0.5) = w * 0.95
        assertThat(w.toArray()).containsExactly(new double[] {1.9, -0.95, 3}, within(1e-15));
    }

    @Test
    void clippingKeepsTheDirectionAndCapsTheNorm() {
        Tensor g = Tensor.of(Precision.DOUBLE, new double[][] {{3, 4}});
        assertThat(GradientClipping.clip(g, 1.0)).isEqualTo(5);
        assertThat(g.toArray()).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
        Tensor small = Tensor.of(Precision.DOUBLE, new double[][] {{0.3, 0.4}});
        assertThat(GradientClipping.clip(small, 1.0)).isCloseTo(0.5, within(1e-15));
        assertThat(small.toArray()).containsExactly(0.3, 0.4);
        assertThat(GradientClipping.clip(g, null)).isCloseTo(1, within(1e-15));
    }
}

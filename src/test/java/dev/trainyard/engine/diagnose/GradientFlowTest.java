package dev.trainyard.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.nn.LayerActivity;
import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

class GradientFlowTest {

    @Test
    void deadUnitsAreThoseNeverPositiveInTheBatch() {
        // unit 0 positive once (alive), unit 1 never (dead), unit 2 never (dead), unit 3 always (alive)
        Tensor z = Tensor.of(Precision.DOUBLE, new double[][] {{-1, -2, 0, 1}, {0.5, -1, -3, 2}});
        LayerActivity relu = new LayerActivity("layer0", Activation.RELU, z, z);
        assertThat(GradientFlow.deadFraction(relu)).isEqualTo(0.5);
    }

    @Test
    void saturationCountsActivationsNearTheBounds() {
        Tensor a = Tensor.of(Precision.DOUBLE, new double[][] {{-0.995, 0.2, 0.999, -0.5}});
        assertThat(GradientFlow.saturatedFraction(new LayerActivity("l", Activation.TANH, a, a))).isEqualTo(0.5);
        Tensor s = Tensor.of(Precision.DOUBLE, new double[][] {{0.001, 0.5, 0.995, 0.3}});
        assertThat(GradientFlow.saturatedFraction(new LayerActivity("l", Activation.SIGMOID, s, s))).isEqualTo(0.5);
    }

    @Test
    void updateRatioAndNorms() {
        ParameterGroup weights = new ParameterGroup("layer0", ParameterGroup.Kind.WEIGHTS, 1, 2);
        Tensor before = Tensor.of(Precision.DOUBLE, new double[][] {{9, 3, 4}});
        Tensor after = Tensor.of(Precision.DOUBLE, new double[][] {{0, 3.03, 4.04}});
        assertThat(GradientFlow.norm(before, weights)).isEqualTo(5);
        // ||(0.03, 0.04)|| / ||(3, 4)|| = 0.05 / 5 = 0.01
        assertThat(GradientFlow.updateRatio(before, after, weights)).isCloseTo(0.01, within(1e-12));
    }
}

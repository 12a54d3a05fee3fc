package dev.trainyard.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/** The landscape around a network trained to the bottom of its basin, and the filter normalization by hand. */
class LossLandscapeTest {

    @Test
    void aFilterNormalizedDirectionGivesEachUnitTheNormOfItsWeightsAndLeavesBiasesOut() {
        // one dense layer of 2 inputs and 2 units: weights [w00 w01; w10 w11] row-major, then 2 biases
        List<ParameterGroup> groups = List.of(new ParameterGroup("layer0", ParameterGroup.Kind.WEIGHTS, 0, 4),
                new ParameterGroup("layer0", ParameterGroup.Kind.BIASES, 4, 2));
        double[] theta = {3, 1, 4, 1, 9, 9};
        double[] direction = {1, 2, 0, 2, 5, 5};
        double[] normalized = LossLandscape.filterNormalized(direction, theta, groups);
        // unit 0's weights are (3, 4), norm 5, and its direction (1, 0): scaled to (5, 0)
        // unit 1's weights are (1, 1), norm sqrt 2, and its direction (2, 2): scaled to (1, 1)
        assertThat(normalized).containsExactly(new double[] {5, 1, 0, 1, 0, 0}, within(1e-12));
    }

    @Test
    void aTrainedNetworkSitsAtTheBottomOfItsCurvesAndTheGridCrossesThemAtTheCenter() {
        LabeledData data = Generators.xor(200, 0.25, 4);
        Network network = Network.build(new ModelSpec(List.of(new LayerSpec.Dense(6, Activation.TANH, 0.01,
                new Init.Xavier())), Output.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY), 2, 2, Loss.SOFTMAX_CROSS_ENTROPY,
                Precision.DOUBLE, 9);
        network.allocate(200);
        Tensor x = Tensor.zeros(Precision.DOUBLE, 200, 2);
        Tensor y = Tensor.zeros(Precision.DOUBLE, 200, 2);
        for (int r = 0; r < 200; r++) {
            x.set(r, 0, data.features()[2 * r]);
            x.set(r, 1, data.features()[2 * r + 1]);
            y.set(r, Integer.parseInt(data.labels().get(r)), 1);
        }
        for (int step = 0; step < 4000; step++) {
            network.forward(x, y, true);
            network.backward(y);
            double[] theta = network.parameters().toArray();
            double[] g = network.gradients().toArray();
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= 0.5 * g[i];
            }
            network.parameters().setAll(theta);
        }
        LossHessian loss = new LossHessian(network, x, y);
        LossLandscape.Result result = LossLandscape.of(loss, 21, 11, 0.2, 40, 5, fraction -> true);
        assertThat(result.steps()[10]).isZero();
        assertThat(result.alongEigenvector()[10]).isCloseTo(result.center(), within(1e-12));
        assertThat(result.alongRandom()[10]).isCloseTo(result.center(), within(1e-12));
        assertThat(result.grid()[5][5]).isCloseTo(result.center(), within(1e-12));
        for (int k = 0; k < 21; k++) {
            assertThat(result.alongEigenvector()[k]).as("step %d", k).isGreaterThanOrEqualTo(result.center() - 1e-9);
            assertThat(result.alongRandom()[k]).as("step %d", k).isGreaterThanOrEqualTo(result.center() - 1e-9);
        }
        // the grid's β = 0 column is the eigenvector's curve at the grid's own steps (0.04 apart, every other point)
        for (int i = 0; i < 11; i++) {
            assertThat(result.grid()[i][5]).isCloseTo(result.alongEigenvector()[2 * i], within(1e-12));
        }
        assertThat(result.alongEigenvector()[20] - result.center()).as("the sharpest direction rises fastest")
                .isGreaterThan(result.alongRandom()[20] - result.center());
    }
}

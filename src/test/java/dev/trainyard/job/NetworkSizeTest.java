package dev.trainyard.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Task;

/** Parameter counts worked out by hand: a dense layer has in * units weights and units biases, batch norm 2 * width. */
class NetworkSizeTest {

    private static ModelSpec model(LayerSpec... layers) {
        return new ModelSpec(List.of(layers), Output.AUTO, Loss.AUTO);
    }

    private static LayerSpec.Dense dense(int units) {
        return LayerSpec.Dense.of(units, Activation.RELU);
    }

    @Test
    void aDenseLayerAndTheOutputCountWeightsAndBiases() {
        // 4 * 8 + 8 = 40 hidden, 8 * 3 + 3 = 27 output
        assertThat(NetworkSize.parameters(model(dense(8)), 4, 3)).isEqualTo(67);
    }

    @Test
    void residualBlocksCountEveryLayerInsideThemAtEveryDepth() {
        // 4 * 16 + 16 = 80; block: 16 * 16 + 16 = 272 and batch norm 2 * 16 = 32; output 16 * 1 + 1 = 17
        ModelSpec block = model(dense(16), new LayerSpec.Residual(List.of(dense(16), LayerSpec.BatchNorm.DEFAULT)));
        assertThat(NetworkSize.parameters(block, 4, 1)).isEqualTo(80 + 272 + 32 + 17);
        // 5 * 10 + 10 = 60; the nested block's dense 110 and the outer's 110; output 10 * 1 + 1 = 11
        ModelSpec nested = model(dense(10), new LayerSpec.Residual(List.of(
                new LayerSpec.Residual(List.of(dense(10), new LayerSpec.Dropout(0.1))), dense(10))));
        assertThat(NetworkSize.parameters(nested, 5, NetworkSize.outputs(nested, Task.CLASSIFICATION, 2)))
                .isEqualTo(60 + 110 + 110 + 11);
    }

    @Test
    void theInputWidthIsWhatDrivesTheFirstLayer() {
        // a categorical column of 1000 categories is 1000 inputs: 1000 * 5000 + 5000 + 5000 * 1 + 1
        assertThat(NetworkSize.parameters(model(dense(5000)), 1000, 1)).isEqualTo(5_010_001);
        // the same column as one number: 1 * 5000 + 5000 + 5000 * 1 + 1
        assertThat(NetworkSize.parameters(model(dense(5000)), 1, 1)).isEqualTo(15_001);
    }

    @Test
    void twoClassesWithASigmoidHaveOneOutputAndSoftmaxOnePerClass() {
        assertThat(NetworkSize.outputs(model(), Task.CLASSIFICATION, 2)).isEqualTo(1);
        assertThat(NetworkSize.outputs(new ModelSpec(List.of(), Output.SOFTMAX, Loss.AUTO), Task.CLASSIFICATION, 2))
                .isEqualTo(2);
        assertThat(NetworkSize.outputs(model(), Task.CLASSIFICATION, 10)).isEqualTo(10);
        assertThat(NetworkSize.outputs(model(), Task.REGRESSION, 0)).isEqualTo(1);
    }
}

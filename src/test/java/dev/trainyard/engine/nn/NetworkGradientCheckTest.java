package dev.trainyard.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.regularization.Regularizer;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Backpropagation against central finite differences, in double precision, for every layer kind,
 * activation, loss and regularizer: every parameter of each network is perturbed by +-h and the
 * change of the full objective compared with the analytic gradient.
 */
class NetworkGradientCheckTest {

    private static final double H = 1e-6;

    @Test
    void denseTanhAndLeakyReluWithSoftmaxCrossEntropyAndL1L2() {
        ModelSpec model = model(List.of(dense(6, Activation.TANH), dense(5, Activation.LEAKY_RELU)),
                Loss.SOFTMAX_CROSS_ENTROPY);
        check(model, 4, 3, Loss.SOFTMAX_CROSS_ENTROPY, new Regularization(0.01, 0.05, 0, true));
    }

    @Test
    void reluBatchNormDropoutAndSigmoidWithBinaryCrossEntropy() {
        ModelSpec model = model(List.of(dense(7, Activation.RELU), LayerSpec.BatchNorm.DEFAULT,
                new LayerSpec.Dropout(0.3), dense(4, Activation.SIGMOID)), Loss.BINARY_CROSS_ENTROPY);
        check(model, 3, 2, Loss.BINARY_CROSS_ENTROPY, new Regularization(0, 0.1, 0, false));
    }

    @Test
    void residualBlockAndLinearLayerWithMeanSquaredError() {
        ModelSpec model = model(List.of(dense(5, Activation.TANH), new LayerSpec.Residual(List.of(
                dense(5, Activation.LINEAR), LayerSpec.BatchNorm.DEFAULT, dense(5, Activation.SIGMOID)))),
                Loss.MEAN_SQUARED_ERROR);
        check(model, 3, 2, Loss.MEAN_SQUARED_ERROR, Regularization.NONE);
    }

    @Test
    void noHiddenLayersIsLogisticRegression() {
        check(model(List.of(), Loss.SOFTMAX_CROSS_ENTROPY), 5, 4, Loss.SOFTMAX_CROSS_ENTROPY,
                new Regularization(0, 0.2, 0, false));
    }

    private static void check(ModelSpec model, int inputs, int outputs, Loss loss, Regularization regularization) {
        Network network = Network.build(model, inputs, outputs, loss, Precision.DOUBLE, 99);
        int rows = 6;
        network.allocate(rows);
        Tensor x = Tensor.zeros(Precision.DOUBLE, rows, inputs);
        Tensor y = Tensor.zeros(Precision.DOUBLE, rows, outputs);
        Rng data = new Rng(3);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, data.nextGaussian());
        }
        for (int r = 0; r < rows; r++) {
            int label = data.nextInt(outputs);
            for (int c = 0; c < outputs; c++) {
                y.set(r, c, loss == Loss.MEAN_SQUARED_ERROR ? data.nextGaussian()
                        : loss == Loss.SOFTMAX_CROSS_ENTROPY ? (c == label ? 1 : 0) : data.nextInt(2));
            }
        }
        Regularizer regularizer = new Regularizer(regularization, network.groups());
        Rng.State masks = network.dropoutRng().save();

        network.forward(x, y, true);
        network.backward(y);
        Tensor params = network.parameters();
        regularizer.addGradient(params, network.gradients());
        double[] analytic = network.gradients().toArray();

        for (int i = 0; i < params.size(); i++) {
            double original = params.get(i);
            params.set(i, original + H);
            double plus = objective(network, regularizer, x, y, masks);
            params.set(i, original - H);
            double minus = objective(network, regularizer, x, y, masks);
            params.set(i, original);
            double numeric = (plus - minus) / (2 * H);
            double error = Math.abs(analytic[i] - numeric) / Math.max(1e-6, Math.abs(analytic[i]) + Math.abs(numeric));
            assertThat(error).as("parameter %d (%s): analytic %s numeric %s", i, group(network, i), analytic[i], numeric)
                    .isLessThan(1e-5);
        }
    }

    private static double objective(Network network, Regularizer regularizer, Tensor x, Tensor y, Rng.State masks) {
        network.dropoutRng().restore(masks);
        return network.forward(x, y, true) + regularizer.penalty(network.parameters());
    }

    private static String group(Network network, int index) {
        return network.groups().stream().filter(g -> index >= g.offset() && index < g.offset() + g.length())
                .map(g -> g.layer() + " " + g.kind()).findFirst().orElse("?");
    }

    private static ModelSpec model(List<LayerSpec> layers, Loss loss) {
        Output output = switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> Output.SOFTMAX;
            case BINARY_CROSS_ENTROPY -> Output.SIGMOID;
            default -> Output.LINEAR;
        };
        return new ModelSpec(layers, output, loss);
    }

    private static LayerSpec.Dense dense(int units, Activation activation) {
        return new LayerSpec.Dense(units, activation, 0.1, new Init.Normal(0.7));
    }
}

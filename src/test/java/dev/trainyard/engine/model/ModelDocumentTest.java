package dev.trainyard.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.Imputer;
import dev.trainyard.engine.data.InvalidDataException;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;

class ModelDocumentTest {

    private static final ModelSpec EVERY_LAYER = new ModelSpec(List.of(
            new LayerSpec.Dense(12, Activation.LEAKY_RELU, 0.05, new Init.He()), LayerSpec.BatchNorm.DEFAULT,
            new LayerSpec.Dropout(0.1), new LayerSpec.Residual(List.of(
                    new LayerSpec.Dense(12, Activation.TANH, 0.01, new Init.Normal(0.2)))),
            new LayerSpec.Dense(6, Activation.SIGMOID, 0.01, new Init.Uniform(0.3))), Output.AUTO, Loss.AUTO);

    @Test
    void aModelSurvivesTheRoundTripAndPredictsTheSame() {
        TrainedModel original = trained();
        String json = ModelDocument.write(original);
        TrainedModel read = ModelDocument.read(json);

        assertThat(read.model()).isEqualTo(original.model());
        assertThat(read.loss()).isEqualTo(original.loss());
        assertThat(read.classNames()).containsExactly("a", "b", "c");
        assertThat(read.normalizer()).isEqualTo(original.normalizer());
        assertThat(read.parameters()).containsExactly(original.parameters());
        assertThat(read.state()).hasSize(2);
        double[][] rows = {{10, -3, 7}, {0.5, 2, -1}, {4, 4, 4}};
        assertThat(Predictor.load(read).predict(rows).outputs())
                .isDeepEqualTo(Predictor.load(original).predict(rows).outputs());
        assertThat(json).startsWith("{\"format\":\"trainyard-model\",\"version\":2,\"task\":\"classification\"")
                .contains("\"type\":\"leaky_relu\"".replace("type", "activation"), "\"type\":\"batch_norm\"",
                        "\"init\":{\"type\":\"normal\",\"std\":0.2}");
    }

    /** A linear model over x0, x1 and x1's missing indicator: y = 1 x0 + 2 x1 + 100 [x1 missing] + 0.5. */
    private static TrainedModel imputing() {
        return new TrainedModel(new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR), Loss.MEAN_SQUARED_ERROR,
                Task.REGRESSION, 3, 1, List.of(), Normalizer.identity(3), new double[] {1, 2, 100, 0.5}, List.of(),
                new Imputer(new double[] {10, 20}, new boolean[] {false, true}), null);
    }

    @Test
    void theImputerSurvivesTheRoundTripAndFillsNanInputs() {
        TrainedModel read = ModelDocument.read(ModelDocument.write(imputing()));
        assertThat(read.imputer()).isEqualTo(imputing().imputer());
        assertThat(read.rawFeatures()).isEqualTo(2);
        double[][] outputs = Predictor.load(read).predict(new double[][] {{3, 4}, {3, Double.NaN}, {Double.NaN, 4},
                {Double.NaN, Double.NaN}}).outputs();
        // {3, 4, 0}: 3 + 8 + 0.5; {3, 20, 1}: 3 + 40 + 100 + 0.5; {10, 4, 0}: 10 + 8 + 0.5; {10, 20, 1}: 150.5
        assertThat(outputs[0][0]).isCloseTo(11.5, within(1e-4));
        assertThat(outputs[1][0]).isCloseTo(143.5, within(1e-4));
        assertThat(outputs[2][0]).isCloseTo(18.5, within(1e-4));
        assertThat(outputs[3][0]).isCloseTo(150.5, within(1e-4));
        assertThatThrownBy(() -> Predictor.load(read).predict(new double[][] {{1, 2, 0}}))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("the model takes 2");
    }

    @Test
    void aVersionOneDocumentIsAModelWithoutAnImputer() {
        TrainedModel plain = new TrainedModel(new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR),
                Loss.MEAN_SQUARED_ERROR, Task.REGRESSION, 2, 1, List.of(), Normalizer.identity(2),
                new double[] {1, 2, 0.5}, List.of());
        String json = ModelDocument.write(plain);
        assertThat(json).contains("\"imputer\":null");
        String versionOne = json.replace("\"version\":2", "\"version\":1").replace("\"imputer\":null,", "")
                .replace("\"target\":null,", "");
        TrainedModel read = ModelDocument.read(versionOne);
        assertThat(read.imputer()).isNull();
        assertThat(Predictor.load(read).predict(new double[][] {{3, 4}}).outputs()[0][0]).isCloseTo(11.5, within(1e-4));
        assertThatThrownBy(() -> Predictor.load(read).predict(new double[][] {{3, Double.NaN}}))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("trained without imputing");
        assertThatThrownBy(() -> ModelDocument.read(json.replace("\"version\":2", "\"version\":3")))
                .hasMessageContaining("not a trainyard-model document");
    }

    @Test
    void brokenDocumentsSayWhatIsWrong() {
        String json = ModelDocument.write(trained());
        assertThatThrownBy(() -> ModelDocument.read(json.replace("\"inputs\"", "\"inputz\"")))
                .hasMessage("model document: document has no field 'inputs'");
        assertThatThrownBy(() -> ModelDocument.read(json.substring(0, json.length() / 2)))
                .hasMessageStartingWith("model document is not valid JSON at character");
        assertThatThrownBy(() -> ModelDocument.read(json.replace("trainyard-model", "something-else")))
                .hasMessageContaining("not a trainyard-model document");
        assertThatThrownBy(() -> ModelDocument.read(json.replace("\"dropout\"", "\"dropdown\"")))
                .hasMessage("model document: unknown layer type 'dropdown'");
    }

    private static TrainedModel trained() {
        Rng rng = new Rng(4);
        int rows = 60;
        double[] x = new double[rows * 3];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 3;
            for (int f = 0; f < 3; f++) {
                x[r * 3 + f] = rng.nextGaussian() + labels[r];
            }
        }
        Split split = Split.classification(x, 3, labels);
        PreparedData data = new PreparedData(Task.CLASSIFICATION, List.of("a", "b", "c"), split, split, split,
                new Normalizer(new double[] {1.25, -0.5, 3}, new double[] {2, 0.75, 1.5}), null);
        return Trainer.train(EVERY_LAYER, Specs.training(5).batch(Batch.of(16)).build(), data, TrainingListener.NONE).model();
    }
}

package dev.trainyard.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;
import dev.trainyard.engine.train.TrainingResult;

class PredictorTest {

    /** y = 3 * x0 - 2 * x1 on raw inputs around 100 (so the normalizer matters), learned, exported, reloaded. */
    /**
     * y = 3 x0 + 5 [x1 missing], x1 missing on every fourth row: prepared with mean imputation and an indicator,
     * trained, written, read and asked with NaN cells, it predicts from the indicator.
     */
    @Test
    void aModelTrainedWithImputationPredictsOnNanCells() {
        int rows = 200;
        double[] raw = new double[rows * 2];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            raw[2 * r] = Math.sin(r) * 2;
            raw[2 * r + 1] = r % 4 == 0 ? Double.NaN : Math.cos(r);
            y[r] = 3 * raw[2 * r] + (r % 4 == 0 ? 5 : 0);
        }
        PreparedData data = Preparation.prepare(LabeledData.regression(raw, 2, y), new SplitSpec(0.1, 0.1, true, 1,
                new MissingValues(MissingValues.Strategy.IMPUTE, MissingValues.Statistic.MEAN, true)));
        ModelSpec model = new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR);
        TrainingResult result = Trainer.train(model, Specs.training(300).adam(0.5).build(), data, TrainingListener.NONE);
        assertThat(result.model().imputer()).isEqualTo(data.imputer());
        assertThat(result.model().inputs()).isEqualTo(3);
        TrainedModel read = ModelDocument.read(ModelDocument.write(result.model()));
        double[][] outputs = Predictor.load(read).predict(new double[][] {{1, 0.3}, {1, Double.NaN}}).outputs();
        assertThat(outputs[0][0]).isCloseTo(3, within(0.05));
        assertThat(outputs[1][0]).isCloseTo(8, within(0.05));
    }

    @Test
    void aReloadedModelPredictsRawRowsLikeTheTrainedOne() {
        int rows = 200;
        double[] raw = new double[rows * 2];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            raw[2 * r] = 100 + Math.sin(r) * 10;
            raw[2 * r + 1] = 50 + Math.cos(3 * r) * 5;
            y[r] = 3 * raw[2 * r] - 2 * raw[2 * r + 1] - 200;
        }
        Normalizer normalizer = new Normalizer(new double[] {100, 50}, new double[] {7, 3.5});
        double[] normalized = new double[raw.length];
        double[] one = new double[2];
        for (int r = 0; r < rows; r++) {
            normalizer.apply(new double[] {raw[2 * r], raw[2 * r + 1]}, one);
            normalized[2 * r] = one[0];
            normalized[2 * r + 1] = one[1];
        }
        Split split = Split.regression(normalized, 2, y, 1);
        PreparedData data = new PreparedData(Task.REGRESSION, List.of(), split, split, split, normalizer, null);
        ModelSpec model = new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR);
        TrainingResult result = Trainer.train(model, Specs.training(300).adam(0.5).build(), data, TrainingListener.NONE);
        assertThat(result.test().get("r2")).isGreaterThan(0.9999);

        Predictor predictor = Predictor.load(result.model());
        Prediction prediction = predictor.predict(new double[][] {{110, 45}, {90, 55}});
        // 3 * 110 - 2 * 45 - 200 = 40; 3 * 90 - 2 * 55 - 200 = -40
        assertThat(prediction.outputs()[0][0]).isCloseTo(40, within(0.1));
        assertThat(prediction.outputs()[1][0]).isCloseTo(-40, within(0.1));
        assertThat(prediction.classes()).isNull();
    }

    @Test
    void classifiersNameTheirClassesAndRejectRowsOfTheWrongWidth() {
        double[] features = {0, 0, 0, 1, 1, 0, 1, 1};
        Split xor = Split.classification(features, 2, new int[] {0, 1, 1, 0});
        PreparedData data = new PreparedData(Task.CLASSIFICATION, List.of("same", "different"), xor, xor, xor, null, null);
        ModelSpec model = Specs.model(LayerSpec.Dense.of(8, Activation.TANH)).build();
        TrainingResult result = Trainer.train(model, Specs.training(400).adam(0.05).seed(3).build(), data, TrainingListener.NONE);

        Prediction prediction = Predictor.load(result.model()).predict(new double[][] {{0, 1}, {1, 1}});
        assertThat(prediction.labels()).containsExactly("different", "same");
        assertThat(prediction.classes()).containsExactly(1, 0);
        assertThatThrownBy(() -> Predictor.load(result.model()).predict(new double[][] {{1, 2, 3}}))
                .hasMessage("row 0 has 3 features; the model takes 2");
    }
}

package dev.trainyard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.model.ModelDocument;
import dev.trainyard.engine.model.Predictor;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/** A regression trained on a standardized target is measured, saved and predicted in the target's own units. */
class TargetScalingTest {

    private static final ModelSpec LINEAR = new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR);

    /**
     * Hand oracle: targets t = x (standardized) over x = -1, 1, -1, 1, with mean 1000 and scale 100; the network
     * predicts x + 0.1, so every error is 0.1 standardized, 10 in the target's units: MAE = RMSE = 10, and
     * R^2 = 1 - 4 * 10^2 / (100^2 * 4) = 0.99.
     */
    @Test
    void metricsAreInTheTargetsUnits() {
        double[] x = {-1, 1, -1, 1};
        Split split = Split.regression(x, 1, x.clone(), 1);
        Targets targets = new Targets(Loss.MEAN_SQUARED_ERROR, 1, Task.REGRESSION);
        Network network = Network.build(LINEAR, 1, 1, Loss.MEAN_SQUARED_ERROR, Precision.DOUBLE, 0);
        network.parameters().setAll(new double[] {1, 0.1});
        network.allocate(4);
        Batches batches = new Batches(Precision.DOUBLE, 4, 1, 1);
        Tensor features = Tensor.zeros(Precision.DOUBLE, 4, 1);
        features.setAll(x);
        Tensor encoded = targets.encode(split, Precision.DOUBLE);
        Normalizer target = new Normalizer(new double[] {1000}, new double[] {100});
        Map<String, Double> original = Evaluator.evaluate(network, targets, features, encoded, split, batches, target)
                .metrics();
        assertThat(original.get("mae")).isCloseTo(10, within(1e-9));
        assertThat(original.get("rmse")).isCloseTo(10, within(1e-9));
        assertThat(original.get("r2")).isCloseTo(0.99, within(1e-12));
        assertThat(original.get("loss")).as("the objective, standardized: 0.1^2 / 2 or 0.1^2")
                .isLessThan(0.011);
        Map<String, Double> standardized = Evaluator.evaluate(network, targets, features, encoded, split, batches, null)
                .metrics();
        assertThat(standardized.get("mae")).isCloseTo(0.1, within(1e-9));
        assertThat(standardized.get("r2")).isCloseTo(0.99, within(1e-12));
        assertThat(standardized.get("loss")).isEqualTo(original.get("loss"));
    }

    private static LabeledData line(double scale, double offset) {
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i] = Math.sin(i);
            y[i] = scale * (2 * x[i] + 0.3 * Math.cos(7 * i)) + offset;
        }
        return LabeledData.regression(x, 1, y);
    }

    private static TrainingResult train(LabeledData data) {
        PreparedData prepared = Preparation.prepare(data, new SplitSpec(0.2, 0.2, true, 3));
        return Trainer.train(LINEAR, Specs.training(200).adam(0.05).build(), prepared, TrainingListener.NONE);
    }

    /**
     * The same data shifted by 1000 and scaled by 100 standardizes to the same targets, so it trains the same
     * network: its MAE and RMSE are 100 times the unshifted ones, per epoch and on test, R^2 is the same, and the
     * saved model predicts 100 times the prediction plus 1000.
     */
    @Test
    void aShiftedAndScaledTargetTrainsTheSameAndReportsInItsUnits() {
        TrainingResult plain = train(line(1, 0));
        TrainingResult shifted = train(line(100, 1000));
        for (String metric : List.of("mae", "rmse")) {
            assertThat(shifted.test().get(metric)).as(metric).isCloseTo(100 * plain.test().get(metric),
                    within(1e-6 * shifted.test().get(metric)));
            EpochMetrics last = shifted.history().get(shifted.history().size() - 1);
            EpochMetrics lastPlain = plain.history().get(plain.history().size() - 1);
            assertThat(last.values().get("val_" + metric)).isCloseTo(100 * lastPlain.values().get("val_" + metric),
                    within(1e-6 * last.values().get("val_" + metric)));
        }
        assertThat(shifted.test().get("r2")).isCloseTo(plain.test().get("r2"), within(1e-9));
        assertThat(plain.test().get("r2")).as(plain.test().metrics().toString()).isGreaterThan(0.9);
        assertThat(shifted.test().get("mae")).as("in the target's units").isGreaterThan(1);
        TrainedModel saved = ModelDocument.read(ModelDocument.write(shifted.model()));
        assertThat(saved.target()).isEqualTo(shifted.model().target());
        double[][] rows = {{0.5}, {-0.25}};
        double[][] plainOut = Predictor.load(plain.model()).predict(rows).outputs();
        double[][] shiftedOut = Predictor.load(saved).predict(rows).outputs();
        for (int r = 0; r < rows.length; r++) {
            assertThat(shiftedOut[r][0]).isCloseTo(100 * plainOut[r][0] + 1000, within(1e-2));
        }
        assertThat(shiftedOut[0][0]).as("about 100 * 2 * 0.5 + 1000").isCloseTo(1100, within(10.0));
    }
}

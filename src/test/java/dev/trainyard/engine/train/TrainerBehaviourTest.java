package dev.trainyard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.EarlyStopping;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.TrainingSpec;

class TrainerBehaviourTest {

    private static final PreparedData IRIS = TestData.builtinClassification("iris", 0.2, 0.2, 5);
    private static final ModelSpec MODEL = new ModelSpec(List.of(LayerSpec.Dense.of(8, Activation.RELU),
            LayerSpec.Dense.of(6, Activation.TANH)), Output.AUTO, Loss.AUTO);

    @Test
    void batchModesSetTheStepsPerEpoch() {
        int rows = IRIS.train().rows(); // 90
        assertThat(steps(Batch.full())).isEqualTo(1);
        assertThat(steps(Batch.of(32))).isEqualTo((rows + 31) / 32);
        assertThat(steps(Batch.stochastic())).isEqualTo(rows);
        // what submission shows as the job's stepsPerEpoch is what the loop takes
        for (Batch batch : List.of(Batch.full(), Batch.of(32), Batch.of(7), Batch.of(500), Batch.stochastic())) {
            assertThat(batch.stepsPerEpoch(rows)).as("%s", batch).isEqualTo(steps(batch));
        }
    }

    @Test
    void sameSpecAndSeedGiveTheSameHistory() {
        TrainingSpec spec = training(Batch.of(16), 8, null, 11);
        assertThat(Histories.withoutTimes(Trainer.train(MODEL, spec, IRIS, TrainingListener.NONE)))
                .isEqualTo(Histories.withoutTimes(Trainer.train(MODEL, spec, IRIS, TrainingListener.NONE)));
        assertThat(Histories.withoutTimes(Trainer.train(MODEL, training(Batch.of(16), 8, null, 12), IRIS, TrainingListener.NONE)))
                .isNotEqualTo(Histories.withoutTimes(Trainer.train(MODEL, spec, IRIS, TrainingListener.NONE)));
    }

    @Test
    void everyEpochReportsLossesAccuracyRatesAndGradientFlow() {
        TrainingResult result = Trainer.train(MODEL, training(Batch.of(16), 2, null, 1), IRIS, TrainingListener.NONE);
        EpochMetrics last = result.history().get(1);
        assertThat(last.values()).containsKeys("train_loss", "train_accuracy", "val_loss", "val_accuracy",
                "learning_rate", "grad_norm", "epoch_seconds", "samples_per_second", "layer0.grad_norm",
                "layer0.weight_norm", "layer0.update_ratio", "layer0.dead_fraction", "layer1.saturated_fraction",
                "output.grad_norm");
        assertThat(last.get("layer0.update_ratio")).isBetween(1e-6, 1.0);
        assertThat(result.test().confusion()).hasDimensions(3, 3);
        long total = 0;
        for (long[] row : result.test().confusion()) {
            for (long count : row) {
                total += count;
            }
        }
        assertThat(total).isEqualTo(IRIS.test().rows());
    }

    @Test
    void aStopRequestStopsBetweenStepsAndKeepsTheHistory() {
        int[] epochs = {0};
        TrainingListener stopAfterTwo = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                epochs[0]++;
            }

            @Override
            public boolean stopRequested() {
                return epochs[0] >= 2;
            }
        };
        TrainingResult result = Trainer.train(MODEL, training(Batch.of(16), 50, null, 1), IRIS, stopAfterTwo);
        assertThat(result.stopReason()).isEqualTo(StopReason.STOP_REQUESTED);
        assertThat(result.history()).hasSize(2);
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        PreparedData xor = TestData.xor(); // validation = test, so the restored weights' test loss is the best val_loss
        TrainingSpec spec = training(Batch.full(), 500, new EarlyStopping("val_loss", 3, 0.5, true), 2);
        TrainingResult result = Trainer.train(MODEL, spec, xor, TrainingListener.NONE);
        assertThat(result.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(result.history()).hasSize(result.bestEpoch() + 4);
        assertThat(result.test().get("loss")).isEqualTo(result.history().get(result.bestEpoch()).get("val_loss"));
    }

    @Test
    void earlyStoppingMustWatchAMetricTheRunHas() {
        TrainingSpec spec = training(Batch.full(), 5, new EarlyStopping("val_rmse", 3, 0, true), 2);
        assertThatThrownBy(() -> Trainer.train(MODEL, spec, IRIS, TrainingListener.NONE))
                .hasMessageContaining("earlyStopping.monitor must be one of").hasMessageContaining("val_accuracy");
    }

    private static int steps(Batch batch) {
        return Trainer.train(MODEL, training(batch, 1, null, 1), IRIS, TrainingListener.NONE).history().get(0).steps();
    }

    private static TrainingSpec training(Batch batch, int epochs, EarlyStopping stopping, long seed) {
        return Specs.training(epochs).batch(batch).earlyStopping(stopping).seed(seed).build();
    }
}

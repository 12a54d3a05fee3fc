package dev.trainyard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.InvalidDataException;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.EarlyStopping;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.spec.Schedule;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.TrainingSpec;

class CheckpointTest {

    private static final PreparedData WINE = TestData.builtinClassification("wine", 0.2, 0.2, 3);
    private static final ModelSpec MODEL = new ModelSpec(List.of(LayerSpec.Dense.of(16, Activation.RELU),
            LayerSpec.BatchNorm.DEFAULT, new LayerSpec.Dropout(0.2), LayerSpec.Dense.of(8, Activation.TANH)),
            Output.AUTO, Loss.AUTO);
    // Everything with state or randomness: Adam moments, dropout masks, noise, batch-norm statistics,
    // a schedule, decay, early stopping with best weights.
    private static final TrainingSpec SPEC = Specs.training(14).batch(Batch.of(16)).adam(0.01)
            .schedule(new Schedule.Step(3, 0.7, 1)).regularization(new Regularization(0, 1e-3, 1e-3, false))
            .earlyStopping(new EarlyStopping("val_loss", 50, 0, true)).augmentation(new Augmentation(0.05, null))
            .gradientClipNorm(5.0).seed(21).build();

    @Test
    void resumingFromACheckpointReproducesTheUninterruptedRunExactly() {
        byte[][] saved = new byte[1][];
        TrainingResult uninterrupted = Trainer.train(MODEL, SPEC, WINE, checkpointAfter(4, saved));
        TrainingResult resumed = Trainer.resume(MODEL, SPEC, WINE, TrainingListener.NONE, saved[0]);

        assertThat(resumed.history()).hasSize(14);
        assertThat(Histories.withoutTimes(resumed)).isEqualTo(Histories.withoutTimes(uninterrupted));
        assertThat(resumed.test().metrics()).isEqualTo(uninterrupted.test().metrics());
        assertThat(Arrays.deepEquals(resumed.test().confusion(), uninterrupted.test().confusion())).isTrue();
        assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
    }

    @Test
    void aCheckpointOfAnotherSpecOrGarbageIsRefused() {
        byte[][] saved = new byte[1][];
        Trainer.train(MODEL, SPEC, WINE, checkpointAfter(0, saved));
        TrainingSpec other = Specs.training(14).batch(Batch.of(8)).seed(21).build();
        assertThatThrownBy(() -> Trainer.resume(MODEL, other, WINE, TrainingListener.NONE, saved[0]))
                .hasMessageContaining("belongs to another");
        assertThatThrownBy(() -> Trainer.resume(MODEL, SPEC, WINE, TrainingListener.NONE, new byte[] {1, 2, 3}))
                .as("a corrupt checkpoint is no fault of the data").isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidDataException.class);
        byte[] truncated = Arrays.copyOf(saved[0], saved[0].length / 2);
        assertThatThrownBy(() -> Trainer.resume(MODEL, SPEC, WINE, TrainingListener.NONE, truncated))
                .hasMessageContaining("truncated or corrupt");
    }

    /** A listener that keeps the checkpoint taken after the given epoch in {@code saved[0]}. */
    private static TrainingListener checkpointAfter(int wanted, byte[][] saved) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
            }

            @Override
            public boolean checkpointDue(int epoch) {
                return epoch == wanted;
            }

            @Override
            public void onCheckpoint(int epoch, byte[] checkpoint) {
                saved[0] = checkpoint;
            }
        };
    }
}

package dev.trainyard.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;
import dev.trainyard.engine.train.TrainingResult;

class GeneratorsTest {

    @Test
    void sameSeedSameData() {
        assertThat(Generators.spirals(300, 0.1, 5).features()).containsExactly(Generators.spirals(300, 0.1, 5).features());
        assertThat(Generators.spirals(300, 0.1, 6).features()).isNotEqualTo(Generators.spirals(300, 0.1, 5).features());
    }

    @Test
    void withoutNoiseThePointsLieWhereTheyShould() {
        LabeledData circles = Generators.circles(100, 0, 1);
        for (int i = 0; i < 100; i++) {
            double radius = Math.hypot(circles.features()[2 * i], circles.features()[2 * i + 1]);
            assertThat(radius).isCloseTo(circles.labels().get(i).equals("0") ? 0.5 : 1, within(1e-12));
        }
        LabeledData xor = Generators.xor(100, 0, 1);
        for (int i = 0; i < 100; i++) {
            boolean differentSigns = xor.features()[2 * i] * xor.features()[2 * i + 1] < 0;
            assertThat(xor.labels().get(i)).isEqualTo(differentSigns ? "1" : "0");
        }
        LabeledData linear = Generators.linear(50, 0, 1);
        for (int i = 0; i < 50; i++) {
            assertThat(linear.values()[i]).isCloseTo(2 * linear.features()[2 * i] - 3 * linear.features()[2 * i + 1] + 1,
                    within(1e-12));
        }
    }

    @Test
    void classesAreBalanced() {
        LabeledData blobs = Generators.blobs(300, 3, 0.5, 1);
        for (String cls : List.of("0", "1", "2")) {
            assertThat(blobs.labels().stream().filter(cls::equals).count()).isEqualTo(100);
        }
    }

    @Test
    void spiralsAreLearnedByATanhNetwork() {
        PreparedData spirals = Preparation.prepare(Generators.spirals(600, 0.05, 1), new SplitSpec(0.2, 0.2, true, 1));
        ModelSpec model = new ModelSpec(List.of(LayerSpec.Dense.of(32, Activation.TANH),
                LayerSpec.Dense.of(32, Activation.TANH)), Output.AUTO, Loss.AUTO);
        TrainingResult result = Trainer.train(model, Specs.training(300).batch(Batch.of(32)).build(), spirals, TrainingListener.NONE);
        assertThat(result.test().get("accuracy")).isGreaterThanOrEqualTo(0.95);
    }
}

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
    void anImbalancedSetKeepsTheRatioAsksForAndTheRowsOfTheBalancedOne() {
        LabeledData blobs = Generators.imbalanced(1000, 2, 20, n -> Generators.blobs(n, 2, 0.5, 1));
        assertThat(blobs.rows()).isEqualTo(1000);
        assertThat(blobs.labels().stream().filter("1"::equals).count()).isEqualTo(48); // 1000 / 21
        assertThat(blobs.labels().stream().filter("0"::equals).count()).isEqualTo(952);
        LabeledData balanced = Generators.blobs(952 * 2, 2, 0.5, 1);
        assertThat(blobs.features()).startsWith(java.util.Arrays.copyOf(balanced.features(), 4)); // rows 0 and 1 kept
        assertThat(new double[] {blobs.features()[2 * 100], blobs.features()[2 * 100 + 1]})
                .containsExactly(balanced.features()[2 * 104], balanced.features()[2 * 104 + 1]); // class 1 ended at row 95
        LabeledData three = Generators.imbalanced(20, 20, 100, n -> Generators.blobs(n, 20, 0.5, 1));
        assertThat(three.labels()).hasSize(20).doesNotHaveDuplicates();
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

package dev.trainyard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.TrainingSpec;

/** The range test's suggestions read off curves built by hand. */
class LearningRateRangeTest {

    @Test
    void aCurveThatTurnsUpSuggestsATenthOfItsMinimumAndOneStillFallingItsSteepestDescent() {
        // rates 1e-4 .. 1e1 by decades: flat, then falling fastest between 1e-2 and 1e-1, lowest at 1, then up
        double[] rates = {1e-4, 1e-3, 1e-2, 1e-1, 1, 10};
        double[] smoothed = {2.3, 2.29, 2.2, 1.0, 0.6, 9.0};
        LearningRateRange.Result result = LearningRateRange.suggest(rates, smoothed, smoothed, true);
        assertThat(result.steepest()).isEqualTo(1e-2);
        assertThat(result.minimumOverTen()).isCloseTo(0.1, within(1e-12));
        assertThat(result.suggested()).as("the curve turned up: a tenth of its minimum").isCloseTo(0.1, within(1e-12));
        assertThat(result.reasoning()).contains("diverged at 10");

        // still falling at the largest rate: its minimum is no guide, the steepest fall is
        double[] falling = {2.3, 2.29, 2.2, 1.0, 0.9, 0.85};
        LearningRateRange.Result open = LearningRateRange.suggest(rates, falling, falling, false);
        assertThat(open.suggested()).isEqualTo(1e-2);
    }

    private static final PreparedData MOONS = Preparation.prepare(Generators.moons(400, 0.1, 3), SplitSpec.DEFAULT);
    private static final ModelSpec MODEL = Specs.model(LayerSpec.Dense.of(16, Activation.TANH)).build();

    @Test
    void theRatesGrowExponentiallyTheFirstSmoothedLossIsTheFirstLossAndAHugeRateDiverges() {
        TrainingSpec sgd = Specs.training(10).optimizer(new OptimizerSpec.Sgd(0.1)).seed(5).build();
        LearningRateRange.Result result = LearningRateRange.run(MODEL, sgd, MOONS, 1e-4, 1e4, 81);
        double[] rates = result.learningRates();
        for (int k = 0; k < rates.length; k++) {
            assertThat(rates[k]).isCloseTo(1e-4 * Math.pow(10, k / 10.0), within(rates[k] * 1e-12));
        }
        assertThat(result.smoothed()[0]).as("bias-corrected: the first average is the first loss")
                .isCloseTo(result.losses()[0], within(1e-12));
        double average = 0.02 * result.losses()[0];
        average = 0.98 * average + 0.02 * result.losses()[1];
        assertThat(result.smoothed()[1]).isCloseTo(average / (1 - 0.98 * 0.98), within(1e-12));
        assertThat(result.diverged()).as("SGD at rates up to 1e4").isTrue();
        assertThat(rates.length).isLessThan(81);
        assertThat(result.suggested()).isLessThan(rates[rates.length - 1]);
        assertThat(LearningRateRange.run(MODEL, sgd, MOONS, 1e-4, 1e4, 81).smoothed())
                .as("from the run's own initial weights and batch order: the same curve again")
                .containsExactly(result.smoothed());
    }

    @Test
    void aProgressThatSaysStopEndsTheTestAtThatStep() {
        TrainingSpec adam = Specs.training(10).optimizer(OptimizerSpec.Adam.defaults(0.01)).build();
        int[] asked = {0};
        assertThatThrownBy(() -> LearningRateRange.run(MODEL, adam, MOONS, 1e-6, 1, 50, fraction -> {
            assertThat(fraction).isCloseTo(asked[0] / 50.0, within(1e-12));
            return ++asked[0] <= 7;
        })).isInstanceOf(CancellationException.class).hasMessageContaining("step 7");
        assertThat(asked[0]).isEqualTo(8);
    }
}

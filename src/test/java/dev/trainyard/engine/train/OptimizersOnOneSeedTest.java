package dev.trainyard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.tensor.Precision;

/**
 * What makes an optimizer race fair: runs that differ in their optimizer alone start from the same weights and take
 * their first step on the same batch, since the seed alone draws both. A mini-batch of 16 of iris's 90 training rows
 * makes the first step's gradient depend on which rows the shuffle put first.
 */
class OptimizersOnOneSeedTest {

    private static final PreparedData IRIS = TestData.builtinClassification("iris", 0.2, 0.2, 5);
    private static final ModelSpec MODEL = new ModelSpec(List.of(LayerSpec.Dense.of(8, Activation.TANH)), Output.AUTO,
            Loss.AUTO);
    private static final OptimizerSpec SGD = new OptimizerSpec.Sgd(0.1);
    private static final OptimizerSpec MOMENTUM = new OptimizerSpec.Momentum(0.1, 0.9);
    private static final OptimizerSpec ADAM = OptimizerSpec.Adam.defaults(0.01);

    /** The weights after {@code steps} optimizer steps of a run on {@code seed}. */
    private static double[] weights(OptimizerSpec optimizer, long seed, int steps) {
        TrainingListener stopping = new TrainingListener() {
            private int asked;

            @Override
            public void onEpoch(EpochMetrics metrics) {
            }

            @Override
            public boolean stopRequested() {
                return asked++ == steps;
            }
        };
        TrainingResult result = Trainer.train(MODEL, Specs.training(5).batch(Batch.of(16)).optimizer(optimizer)
                .seed(seed).build(), IRIS, stopping, Precision.DOUBLE);
        assertThat(result.stopReason()).isEqualTo(StopReason.STOP_REQUESTED);
        return result.model().parameters();
    }

    private static double[] step(double[] before, double[] after) {
        double[] step = new double[before.length];
        for (int i = 0; i < step.length; i++) {
            step[i] = before[i] - after[i];
        }
        return step;
    }

    @Test
    void optimizersOnOneSeedStartFromTheSameWeightsAndAnotherSeedDoesNot() {
        double[] sgd = weights(SGD, 7, 0);
        assertThat(weights(MOMENTUM, 7, 0)).containsExactly(sgd);
        assertThat(weights(ADAM, 7, 0)).containsExactly(sgd);
        assertThat(weights(SGD, 8, 0)).isNotEqualTo(sgd);
    }

    /**
     * Their first steps follow one gradient: momentum's first step is (1 - beta) times plain SGD's at the same rate
     * (its velocity starts at zero), and Adam's moves every weight the gradient moves, in the same direction (its
     * first step is the rate times g / (|g| + epsilon)).
     */
    @Test
    void theirFirstStepsFollowTheGradientOfTheSameFirstBatch() {
        double[] start = weights(SGD, 7, 0);
        double[] sgd = step(start, weights(SGD, 7, 1));
        double[] momentum = step(start, weights(MOMENTUM, 7, 1));
        double[] adam = step(start, weights(ADAM, 7, 1));
        int moved = 0;
        for (int i = 0; i < sgd.length; i++) {
            assertThat(momentum[i]).as("weight %d", i).isCloseTo(0.1 * sgd[i], within(1e-12));
            if (Math.abs(sgd[i]) > 1e-9) {
                moved++;
                assertThat(Math.signum(adam[i])).as("weight %d", i).isEqualTo(Math.signum(sgd[i]));
            }
        }
        assertThat(moved).isGreaterThan(sgd.length / 2);
        double[] otherSeed = step(weights(SGD, 8, 0), weights(SGD, 8, 1));
        assertThat(otherSeed).isNotEqualTo(sgd);
    }
}

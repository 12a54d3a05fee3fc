package dev.trainyard.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

class DropoutAndBatchNormTest {

    @Test
    void dropoutScalesSurvivorsAndIsTheIdentityAtInference() {
        DropoutLayer dropout = new DropoutLayer(100, 0.25, new Rng(2), Precision.DOUBLE);
        dropout.allocate(100);
        Tensor ones = Tensor.zeros(Precision.DOUBLE, 100, 100);
        ones.fill(1);

        Tensor trained = dropout.forward(ones, true);
        long zeros = 0;
        double sum = 0;
        for (int i = 0; i < trained.size(); i++) {
            double v = trained.get(i);
            assertThat(v == 0 || Math.abs(v - 1 / 0.75) < 1e-12).as("value %s", v).isTrue();
            zeros += v == 0 ? 1 : 0;
            sum += v;
        }
        assertThat(zeros / 10_000.0).isCloseTo(0.25, within(0.015));
        assertThat(sum / 10_000).as("the expected activation is unchanged").isCloseTo(1, within(0.02));
        assertThat(dropout.forward(ones, false)).isSameAs(ones);
    }

    @Test
    void batchNormStandardizesInTrainingAndUsesRunningStatisticsAtInference() {
        BatchNormLayer norm = new BatchNormLayer("bn", 1, 0.9, 0, Precision.DOUBLE);
        norm.bind(Tensor.zeros(Precision.DOUBLE, 1, 2), Tensor.zeros(Precision.DOUBLE, 1, 2), 0, new ArrayList<>());
        norm.initialize(null);
        norm.allocate(4);
        // batch 1, 2, 3, 6: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5, unbiased 14 / 3
        Tensor x = Tensor.of(Precision.DOUBLE, new double[][] {{1}, {2}, {3}, {6}});

        Tensor y = norm.forward(x, true);
        double s = Math.sqrt(3.5);
        assertThat(y.toArray()).containsExactly(new double[] {-2 / s, -1 / s, 0, 3 / s}, within(1e-12));
        // running mean = 0.9 * 0 + 0.1 * 3 = 0.3; running variance = 0.9 * 1 + 0.1 * 14 / 3 = 1.3666...
        assertThat(norm.state().get(0).get(0)).isCloseTo(0.3, within(1e-12));
        assertThat(norm.state().get(1).get(0)).isCloseTo(0.9 + 1.4 / 3, within(1e-12));

        Tensor inference = norm.forward(x, false);
        double runningStd = Math.sqrt(0.9 + 1.4 / 3);
        assertThat(inference.get(0)).isCloseTo((1 - 0.3) / runningStd, within(1e-12));
    }
}

package dev.trainyard.engine.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

class OutputLossTest {

    @Test
    void softmaxCrossEntropyByHand() {
        // z = [1, 2, 3], class 2: loss = log(e + e^2 + e^3) - 3 = 0.40760596444438
        // p = [0.09003057, 0.24472847, 0.66524096]
        Tensor z = Tensor.of(Precision.DOUBLE, new double[][] {{1, 2, 3}});
        Tensor y = Tensor.of(Precision.DOUBLE, new double[][] {{0, 0, 1}});
        Tensor p = Tensor.zeros(Precision.DOUBLE, 1, 3);
        double loss = new SoftmaxCrossEntropy().forward(z, y, p);
        assertThat(loss).isCloseTo(0.40760596444438, within(1e-12));
        assertThat(p.toArray()).containsExactly(new double[] {0.09003057317038046, 0.24472847105479764,
                0.6652409557748219}, within(1e-12));
    }

    @Test
    void softmaxCrossEntropyDoesNotOverflow() {
        Tensor z = Tensor.of(Precision.DOUBLE, new double[][] {{1000, 0}});
        Tensor y = Tensor.of(Precision.DOUBLE, new double[][] {{0, 1}});
        Tensor p = Tensor.zeros(Precision.DOUBLE, 1, 2);
        assertThat(new SoftmaxCrossEntropy().forward(z, y, p)).isCloseTo(1000, within(1e-9));
        assertThat(p.toArray()).containsExactly(1, 0);
    }

    @Test
    void binaryCrossEntropyByHand() {
        // z = 0 (p = 1/2): loss = log 2 = 0.6931471805599453 whatever the label;
        // z = 2, y = 1: loss = log(1 + e^-2) = 0.12692801104297263; z = -40, y = 1: loss = 40 + log(1 + e^-40)
        Tensor z = Tensor.of(Precision.DOUBLE, new double[][] {{0}, {2}, {-40}});
        Tensor y = Tensor.of(Precision.DOUBLE, new double[][] {{0}, {1}, {1}});
        Tensor p = Tensor.zeros(Precision.DOUBLE, 3, 1);
        double loss = new SigmoidBinaryCrossEntropy().forward(z, y, p);
        assertThat(loss).isCloseTo((0.6931471805599453 + 0.12692801104297263 + 40 + 4.248354255291589e-18) / 3,
                within(1e-12));
    }

    @Test
    void meanSquaredErrorByHand() {
        // errors 1, -2, 0.5 -> (1 + 4 + 0.25) / 3 = 1.75
        Tensor z = Tensor.of(Precision.DOUBLE, new double[][] {{2}, {0}, {1.5}});
        Tensor y = Tensor.of(Precision.DOUBLE, new double[][] {{1}, {2}, {1}});
        assertThat(new MeanSquaredError().forward(z, y, Tensor.zeros(Precision.DOUBLE, 3, 1))).isEqualTo(1.75);
    }

    @ParameterizedTest
    @EnumSource(value = Loss.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
    void gradientMatchesFiniteDifferences(Loss kind) {
        OutputLoss loss = OutputLoss.of(kind);
        Rng rng = new Rng(5);
        int rows = 5;
        int cols = 3;
        Tensor z = Tensor.zeros(Precision.DOUBLE, rows, cols);
        Tensor y = Tensor.zeros(Precision.DOUBLE, rows, cols);
        for (int r = 0; r < rows; r++) {
            int label = rng.nextInt(cols);
            for (int c = 0; c < cols; c++) {
                z.set(r, c, 2 * rng.nextGaussian());
                y.set(r, c, kind == Loss.SOFTMAX_CROSS_ENTROPY ? (c == label ? 1 : 0)
                        : kind == Loss.BINARY_CROSS_ENTROPY ? rng.nextInt(2) : rng.nextGaussian());
            }
        }
        Tensor p = Tensor.zeros(Precision.DOUBLE, rows, cols);
        Tensor dz = Tensor.zeros(Precision.DOUBLE, rows, cols);
        loss.forward(z, y, p);
        loss.gradient(p, y, dz);

        double h = 1e-6;
        Tensor scratch = Tensor.zeros(Precision.DOUBLE, rows, cols);
        for (int i = 0; i < z.size(); i++) {
            double original = z.get(i);
            z.set(i, original + h);
            double plus = loss.forward(z, y, scratch);
            z.set(i, original - h);
            double minus = loss.forward(z, y, scratch);
            z.set(i, original);
            assertThat(dz.get(i)).as("%s element %d", kind, i).isCloseTo((plus - minus) / (2 * h), within(1e-8));
        }
    }
}

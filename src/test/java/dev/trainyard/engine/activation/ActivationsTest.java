package dev.trainyard.engine.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

class ActivationsTest {

    @Test
    void knownValues() {
        // sigmoid(0) = 1/2; sigmoid(2) = 1 / (1 + e^-2) = 0.8807970779778823; tanh(0.5) = 0.46211715726000974
        assertThat(Activations.sigmoid(0)).isEqualTo(0.5);
        assertThat(Activations.sigmoid(2)).isCloseTo(0.8807970779778823, within(1e-15));
        assertThat(Activations.sigmoid(-2)).isCloseTo(1 - 0.8807970779778823, within(1e-15));
        assertThat(Activations.sigmoid(-800)).isEqualTo(0);
        assertThat(Activations.sigmoid(800)).isEqualTo(1);
        assertThat(Activations.tanh(0.5)).isCloseTo(0.46211715726000974, within(1e-15));
        assertThat(Activations.tanh(-0.5)).isCloseTo(-0.46211715726000974, within(1e-15));
        assertThat(Activations.tanh(1e-9)).isCloseTo(1e-9, within(1e-16));
        assertThat(Activations.tanh(30)).isEqualTo(1);

        Tensor z = Tensor.of(Precision.DOUBLE, new double[][] {{-2, -0.5, 0, 3}});
        Tensor a = Tensor.zeros(Precision.DOUBLE, 1, 4);
        Activations.forward(Activation.RELU, 0, z, a);
        assertThat(a.toArray()).containsExactly(0, 0, 0, 3);
        Activations.forward(Activation.LEAKY_RELU, 0.01, z, a);
        assertThat(a.toArray()).containsExactly(-0.02, -0.005, 0, 3);
        Activations.forward(Activation.LINEAR, 0, z, a);
        assertThat(a.toArray()).containsExactly(-2, -0.5, 0, 3);
    }

    @Test
    void tanhAgreesWithTheLibraryEverywhere() {
        for (double z = -25; z <= 25; z += 0.01) {
            assertThat(Activations.tanh(z)).as("tanh(%s)", z).isCloseTo(Math.tanh(z), within(4e-16));
        }
    }

    @Test
    void singlePrecisionTanhIsWithinAFewUlpsEverywhere() {
        double worst = 0;
        for (double z = -12; z <= 12; z += 1e-4) {
            double exact = Math.tanh((float) z);
            double error = Math.abs(Activations.tanhFloat((float) z) - exact);
            worst = Math.max(worst, error / Math.max(Math.ulp((float) exact), Float.MIN_NORMAL));
        }
        assertThat(worst).as("error in float ulps").isLessThanOrEqualTo(6);
        assertThat(Activations.tanhFloat(0)).isZero();
        assertThat(Activations.tanhFloat(50)).isEqualTo(1);
    }

    /** Finite differences of L = sum(r * f(z)) against the backward pass with da = r, in double precision. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesFiniteDifferences(Activation kind) {
        Rng rng = new Rng(17);
        int n = 40;
        Tensor z = Tensor.zeros(Precision.DOUBLE, 4, 10);
        Tensor r = Tensor.zeros(Precision.DOUBLE, 4, 10);
        for (int i = 0; i < n; i++) {
            double v = 3 * rng.nextGaussian();
            z.set(i, Math.abs(v) < 1e-3 ? 0.5 : v); // stay off ReLU's kink, where the derivative is undefined
            r.set(i, rng.nextGaussian());
        }
        Tensor a = Tensor.zeros(Precision.DOUBLE, 4, 10);
        Tensor dz = Tensor.zeros(Precision.DOUBLE, 4, 10);
        Activations.forward(kind, 0.05, z, a);
        Activations.backward(kind, 0.05, z, a, r, dz);

        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            double zi = z.get(i);
            double numeric = (weighted(kind, zi + h, r.get(i)) - weighted(kind, zi - h, r.get(i))) / (2 * h);
            assertThat(dz.get(i)).as("%s at z=%s", kind, zi).isCloseTo(numeric, within(1e-7 * Math.max(1, Math.abs(numeric))));
        }
    }

    private static double weighted(Activation kind, double z, double r) {
        Tensor in = Tensor.of(Precision.DOUBLE, new double[][] {{z}});
        Tensor out = Tensor.zeros(Precision.DOUBLE, 1, 1);
        Activations.forward(kind, 0.05, in, out);
        return r * out.get(0);
    }
}

package dev.trainyard.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The Hessian machinery against oracles that do not use it: a quadratic loss's exact Hessian (second differences of
 * the loss itself, exact for a quadratic), the full Hessian of a small network built column by column from central
 * differences of its gradient with eigenvalues from ND4J's LAPACK, its exact trace, and points known to be a saddle, a
 * minimum and flat.
 */
class HessianSpectrumTest {

    private record Problem(Network network, Tensor x, Tensor y) {
        LossHessian hessian() {
            return new LossHessian(network, x, y);
        }
    }

    private static Problem problem(List<LayerSpec> layers, Output output, Loss loss, int inputs, int outputs, int rows,
            long seed) {
        Network network = Network.build(new ModelSpec(layers, output, loss), inputs, outputs, loss, Precision.DOUBLE,
                seed);
        network.allocate(rows);
        Rng data = new Rng(seed + 1);
        Tensor x = Tensor.zeros(Precision.DOUBLE, rows, inputs);
        Tensor y = Tensor.zeros(Precision.DOUBLE, rows, outputs);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, data.nextGaussian());
        }
        for (int r = 0; r < rows; r++) {
            int label = data.nextInt(outputs);
            for (int c = 0; c < outputs; c++) {
                y.set(r, c, loss == Loss.MEAN_SQUARED_ERROR ? data.nextGaussian() : c == label ? 1 : 0);
            }
        }
        return new Problem(network, x, y);
    }

    /** The full Hessian, column j = (g(θ + h e_j) - g(θ - h e_j)) / 2h, symmetrized. */
    private static double[][] fullHessian(Problem p) {
        LossHessian h = p.hessian();
        int n = h.dimension();
        double[] theta = p.network().parameters().toArray();
        double[][] full = new double[n][n];
        double step = 1e-5;
        for (int j = 0; j < n; j++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += step;
            minus[j] -= step;
            double[] gp = gradient(p, plus);
            double[] gm = gradient(p, minus);
            for (int i = 0; i < n; i++) {
                full[i][j] = (gp[i] - gm[i]) / (2 * step);
            }
        }
        p.network().parameters().setAll(theta);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = (full[i][j] + full[j][i]) / 2;
                full[i][j] = mean;
                full[j][i] = mean;
            }
        }
        return full;
    }

    private static double[] gradient(Problem p, double[] at) {
        p.network().parameters().setAll(at);
        p.network().forward(p.x(), p.y(), true);
        p.network().backward(p.y());
        return p.network().gradients().toArray();
    }

    private static double[] eigenvaluesByLapack(double[][] matrix) {
        INDArray a = Nd4j.create(matrix);
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(a, true);
        double[] out = values.toDoubleVector();
        Arrays.sort(out);
        return out;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += m[i][j] * v[j];
            }
        }
        return out;
    }

    private static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double size = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            size += b[i] * b[i];
        }
        return Math.sqrt(diff / size);
    }

    @Test
    void onAQuadraticLossTheProductsAreTheExactHessianWithin1e6() {
        Problem p = problem(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR, 3, 2, 8, 5);
        LossHessian h = p.hessian();
        int n = h.dimension();
        double[] theta = p.network().parameters().toArray();
        double step = 1e-2; // a quadratic's second differences are exact at any step: only rounding is left
        double[][] exact = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                exact[i][j] = (loss(p, theta, i, step, j, step) - loss(p, theta, i, step, j, -step)
                        - loss(p, theta, i, -step, j, step) + loss(p, theta, i, -step, j, -step)) / (4 * step * step);
            }
        }
        p.network().parameters().setAll(theta);
        Rng rng = new Rng(11);
        for (int probe = 0; probe < 5; probe++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextGaussian();
            }
            assertThat(relativeError(h.times(v), times(exact, v))).as("probe %d", probe).isLessThan(1e-6);
        }
        assertThat(p.network().parameters().toArray()).as("the point is left as it was").containsExactly(theta);
    }

    private static double loss(Problem p, double[] theta, int i, double di, int j, double dj) {
        double[] at = theta.clone();
        at[i] += di;
        at[j] += dj;
        p.network().parameters().setAll(at);
        return p.network().forward(p.x(), p.y(), true);
    }

    @Test
    void onATanhSoftmaxNetworkTheTopEigenvaluesAndTheTraceMatchTheFullHessian() {
        Problem p = problem(List.of(new LayerSpec.Dense(4, Activation.TANH, 0.01, new Init.Normal(0.8))),
                Output.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY, 3, 3, 12, 7);
        double[][] full = fullHessian(p);
        double[] oracle = eigenvaluesByLapack(full);
        double exactTrace = 0;
        for (int i = 0; i < full.length; i++) {
            exactTrace += full[i][i];
        }
        HessianSpectrum.Options options = new HessianSpectrum.Options(5, 5, full.length, 2000, 2, 100, 1e-3, 1e-8);
        HessianSpectrum.Result result = HessianSpectrum.analyze(p.hessian(), options, new Rng(3), 0.1);
        for (int k = 0; k < 5; k++) {
            double expected = oracle[oracle.length - 1 - k];
            assertThat(result.top()[k]).as("eigenvalue %d from the top", k)
                    .isCloseTo(expected, within(1e-4 * Math.abs(expected)));
        }
        assertThat(result.bottom()[0]).isCloseTo(oracle[0], within(1e-4 * Math.abs(oracle[oracle.length - 1])));
        assertThat(result.trace()).as("Hutchinson, 2000 probes").isCloseTo(exactTrace, within(0.05 * Math.abs(exactTrace)));
        assertThat(result.sharpness()).isEqualTo(result.top()[0]);
        assertThat(result.edgeOfStability()).isEqualTo(20.0);
        double mass = 0;
        for (int g = 1; g < result.density().length; g++) {
            mass += result.density()[g] * (result.densityAt()[g] - result.densityAt()[g - 1]);
        }
        assertThat(mass).as("the density integrates to 1").isCloseTo(1.0, within(0.02));
    }

    @Test
    void aKnownSaddleIsASaddleAKnownMinimumAMinimumWithItsConditionNumberAndZeroIsFlat() {
        assertThat(spectrumOf(3, 1, -0.5).verdict()).isEqualTo("saddle");
        HessianSpectrum.Result minimum = spectrumOf(3, 1, 0.5);
        assertThat(minimum.verdict()).isEqualTo("minimum");
        assertThat(minimum.conditionNumber()).isCloseTo(6.0, within(1e-9));
        assertThat(minimum.top()).containsExactly(new double[] {3, 1, 0.5}, within(1e-9));
        assertThat(spectrumOf(0, 0, 0).verdict()).isEqualTo("flat");
        assertThat(spectrumOf(2, 1, -1e-4).verdict()).as("within the tolerance of 1e-3 of the largest").isEqualTo("minimum");
    }

    private static HessianSpectrum.Result spectrumOf(double... diagonal) {
        HessianVector h = new HessianVector() {
            @Override
            public int dimension() {
                return diagonal.length;
            }

            @Override
            public double[] times(double[] v) {
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = diagonal[i] * v[i];
                }
                return out;
            }
        };
        return HessianSpectrum.analyze(h, new HessianSpectrum.Options(3, 3, 3, 50, 1, 20, 1e-3, 1e-8), new Rng(1), 0.1);
    }

    @Test
    void theAllZeroStartOfATanhNetworkIsASaddleAndTheSameNetworkTrainedOnNoisyXorAMinimum() {
        LabeledData blobs = Generators.blobs(120, 2, 0.8, 3);
        Problem zero = fromData(blobs, new Init.Zeros());
        HessianSpectrum.Result start = HessianSpectrum.analyze(zero.hessian(), HessianSpectrum.Options.DEFAULT,
                new Rng(2), 0.1);
        assertThat(start.verdict()).as("bottom %s, top %s", Arrays.toString(start.bottom()),
                Arrays.toString(start.top())).isEqualTo("saddle");

        Problem xor = fromData(Generators.xor(200, 0.25, 4), new Init.Xavier());
        for (int step = 0; step < 4000; step++) { // full-batch gradient descent to the bottom of the basin
            xor.network().forward(xor.x(), xor.y(), true);
            xor.network().backward(xor.y());
            double[] theta = xor.network().parameters().toArray();
            double[] g = xor.network().gradients().toArray();
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= 0.5 * g[i];
            }
            xor.network().parameters().setAll(theta);
        }
        double gradient = LossHessian.norm(xor.hessian().gradient());
        HessianSpectrum.Result trained = HessianSpectrum.analyze(xor.hessian(), HessianSpectrum.Options.DEFAULT,
                new Rng(2), 0.5);
        assertThat(trained.verdict()).as("gradient %s, bottom %s, top %s", gradient, Arrays.toString(trained.bottom()),
                Arrays.toString(trained.top())).isEqualTo("minimum");
    }

    private static Problem fromData(LabeledData data, Init init) {
        Network network = Network.build(new ModelSpec(List.of(new LayerSpec.Dense(6, Activation.TANH, 0.01, init)),
                Output.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY), 2, 2, Loss.SOFTMAX_CROSS_ENTROPY, Precision.DOUBLE, 9);
        int rows = data.rows();
        network.allocate(rows);
        Tensor x = Tensor.zeros(Precision.DOUBLE, rows, 2);
        Tensor y = Tensor.zeros(Precision.DOUBLE, rows, 2);
        for (int r = 0; r < rows; r++) {
            x.set(r, 0, data.features()[2 * r]);
            x.set(r, 1, data.features()[2 * r + 1]);
            y.set(r, Integer.parseInt(data.labels().get(r)), 1);
        }
        return new Problem(network, x, y);
    }
}

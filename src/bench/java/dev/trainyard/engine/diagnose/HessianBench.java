package dev.trainyard.engine.diagnose;

import java.util.Arrays;
import java.util.List;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * What a Hessian analysis costs (see {@code src/bench/hessian.sh}), on two networks over 1,000 rows in double
 * precision: the digits model (64 inputs, 64 ReLU units, 10 classes: 4,810 parameters) and a 100,180-parameter one
 * (784-126-10). For each: one gradient and one Hessian-vector product (medians of 31 after 5, interleaved), their
 * ratio, and the wall time of a whole analysis with the defaults (top 5 and bottom 5 by 60 Lanczos steps, the trace
 * from 100 probes, the density from 3 runs). One JSON line each.
 */
public final class HessianBench {

    private HessianBench() {
    }

    public static void main(String[] args) {
        measure("digits-64", 64, 64, 10);
        measure("100k-parameters", 784, 126, 10);
    }

    private static void measure(String name, int inputs, int hidden, int classes) {
        int rows = 1000;
        Network network = Network.build(new ModelSpec(List.of(LayerSpec.Dense.of(hidden, Activation.RELU)),
                Output.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY), inputs, classes, Loss.SOFTMAX_CROSS_ENTROPY,
                Precision.DOUBLE, 1);
        network.allocate(rows);
        Rng rng = new Rng(7);
        Tensor x = Tensor.zeros(Precision.DOUBLE, rows, inputs);
        Tensor y = Tensor.zeros(Precision.DOUBLE, rows, classes);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, rng.nextGaussian());
        }
        for (int r = 0; r < rows; r++) {
            y.set(r, rng.nextInt(classes), 1);
        }
        LossHessian hessian = new LossHessian(network, x, y);
        double[] v = new double[hessian.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        int rounds = 31;
        double[] gradient = new double[rounds];
        double[] product = new double[rounds];
        double check = 0;
        for (int round = -5; round < rounds; round++) {
            long t0 = System.nanoTime();
            check += hessian.gradient()[0];
            long t1 = System.nanoTime();
            check += hessian.times(v)[0];
            long t2 = System.nanoTime();
            if (round >= 0) {
                gradient[round] = (t1 - t0) / 1e6;
                product[round] = (t2 - t1) / 1e6;
            }
        }
        Arrays.sort(gradient);
        Arrays.sort(product);
        long start = System.nanoTime();
        HessianSpectrum.Result result = HessianSpectrum.analyze(hessian, HessianSpectrum.Options.DEFAULT, new Rng(3),
                0.01);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "{\"model\": \"%s\", \"parameters\": %d, \"rows\": %d, "
                + "\"gradient_ms\": %.3f, \"hessian_vector_ms\": %.3f, \"product_over_gradient\": %.2f, "
                + "\"analysis_seconds\": %.2f, \"products\": %d, \"verdict\": \"%s\", \"check\": %.3g}%n", name,
                hessian.dimension(), rows, gradient[rounds / 2], product[rounds / 2],
                product[rounds / 2] / gradient[rounds / 2], seconds, result.hessianVectorProducts(), result.verdict(),
                check);
    }
}

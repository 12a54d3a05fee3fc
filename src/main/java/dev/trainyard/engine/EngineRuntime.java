package dev.trainyard.engine;

import java.util.Properties;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import dev.trainyard.engine.tensor.Kernels;

/**
 * Loads ND4J's native backend and runs the operations training starts with, so the first job
 * does not pay for loading natives, JIT warm-up and BLAS thread start-up.
 */
public final class EngineRuntime {

    private EngineRuntime() {
    }

    public static RuntimeInfo warmUp() {
        long start = System.nanoTime();
        INDArray weights = Nd4j.rand(DataType.FLOAT, 64, 64).subi(0.5);
        INDArray batch = Nd4j.rand(DataType.FLOAT, 32, 64);
        INDArray activations = Transforms.tanh(batch.mmul(weights), false);
        if (!Double.isFinite(activations.sumNumber().doubleValue())) {
            throw new IllegalStateException("ND4J computed a non-finite warm-up result; the native backend is broken");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
        return new RuntimeInfo(
                String.valueOf(environment.get("backend")),
                String.valueOf(environment.get("blas.vendor")),
                intOf(environment.get("cores")),
                intOf(environment.get("blas.threads")),
                intOf(environment.get("omp.threads")),
                millis,
                Kernels.vectorized());
    }

    /**
     * Caps the threads one native matrix product may use (OpenBLAS and ND4J's own pool), so that several jobs
     * training at once share the cores instead of oversubscribing them. Process-wide.
     */
    public static void limitThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    private static int intOf(Object value) {
        return value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value));
    }
}

package dev.trainyard.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import dev.trainyard.engine.EngineRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/**
 * This machine's sgemm ceiling through the engine's own ND4J/OpenBLAS: 1024^3 and W1's three products (forward,
 * weight gradient, input gradient), with 1 and 2 BLAS threads set as the worker sets them, five interleaved rounds,
 * medians. Run by src/bench/sgemm.sh.
 */
public final class SgemmCeiling {
    static double run(int m, int n, int k, boolean ta, boolean tb, int reps) {
        INDArray a = ta ? Nd4j.rand(DataType.FLOAT, k, m) : Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = tb ? Nd4j.rand(DataType.FLOAT, n, k) : Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        for (int i = 0; i < 3; i++) Nd4j.gemm(a, b, c, ta, tb, 1.0, 0.0);
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) Nd4j.gemm(a, b, c, ta, tb, 1.0, 0.0);
        double s = (System.nanoTime() - t0) / 1e9;
        return 2.0 * m * n * k * reps / s / 1e9;
    }
    public static void main(String[] x) {
        int[][] shapes = {{1024, 1024, 1024, 0, 0, 20}, {128, 256, 784, 0, 0, 400}, {256, 784, 128, 1, 0, 400}, {128, 784, 256, 0, 1, 400}};
        String[] names = {"1024^3", "W1 fwd 128x784*784x256", "W1 dW 256x128^T*128x784", "W1 dX 128x256*256x784^T"};
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 0; round < 5; round++) {
            for (int threads = 1; threads <= 2; threads++) {
                EngineRuntime.limitThreads(threads);
                for (int s = 0; s < shapes.length; s++) {
                    int[] sh = shapes[s];
                    results.computeIfAbsent(names[s] + ", " + threads + " thread(s)", key -> new ArrayList<>())
                        .add(run(sh[0], sh[1], sh[2], sh[3] == 1, sh[4] == 1, sh[5]));
                }
            }
        }
        results.forEach((name, v) -> { Collections.sort(v); System.out.printf("%-40s median %6.1f GFLOP/s (min %.1f, max %.1f)%n", name, v.get(2), v.get(0), v.get(4)); });
    }
}

package dev.trainyard.engine.tensor;

import java.util.Arrays;

/**
 * Single-precision products as JVM loops for matrices too small to repay a native call. Every
 * case is brought to one shape, c[i][:] += a(i, p) * b[p][:] over contiguous rows of b and c,
 * four values of p at a time so each pass over a row of c does four multiply-adds per element;
 * the JIT vectorizes that inner loop. A transposed b is first copied into its plain layout
 * (k x n, small next to the product), and a transposed a is only read with a stride.
 */
final class FloatGemm {

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private FloatGemm() {
    }

    static void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, float alpha, float beta,
            int m, int n, int k) {
        float[] as = a.floats();
        float[] cs = c.floats();
        int ao = a.offset();
        int co = c.offset();
        int lda = a.cols();
        // a(i, p) = as[ao + i * rowStep + p * colStep]
        int rowStep = transposeA ? 1 : lda;
        int colStep = transposeA ? lda : 1;
        float[] bs;
        int bo;
        if (transposeB) {
            bs = transposed(b, k, n);
            bo = 0;
        } else {
            bs = b.floats();
            bo = b.offset();
        }
        int ldb = n;
        if (!transposeB) {
            ldb = b.cols();
        }
        if (beta == 0) {
            Arrays.fill(cs, co, co + m * n, 0f);
        } else if (beta != 1) {
            for (int i = co; i < co + m * n; i++) {
                cs[i] *= beta;
            }
        }
        for (int i = 0; i < m; i++) {
            int ci = co + i * n;
            int ai = ao + i * rowStep;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                float a0 = alpha * as[ai + p * colStep];
                float a1 = alpha * as[ai + (p + 1) * colStep];
                float a2 = alpha * as[ai + (p + 2) * colStep];
                float a3 = alpha * as[ai + (p + 3) * colStep];
                int b0 = bo + p * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                for (int j = 0; j < n; j++) {
                    cs[ci + j] += a0 * bs[b0 + j] + a1 * bs[b1 + j] + a2 * bs[b2 + j] + a3 * bs[b3 + j];
                }
            }
            for (; p < k; p++) {
                float a0 = alpha * as[ai + p * colStep];
                int b0 = bo + p * ldb;
                for (int j = 0; j < n; j++) {
                    cs[ci + j] += a0 * bs[b0 + j];
                }
            }
        }
    }

    /** b (stored n x k) as a k x n row-major array, in a per-thread scratch buffer. */
    private static float[] transposed(Tensor b, int k, int n) {
        float[] scratch = SCRATCH.get();
        if (scratch.length < k * n) {
            scratch = new float[k * n];
            SCRATCH.set(scratch);
        }
        float[] bs = b.floats();
        int bo = b.offset();
        int ldb = b.cols();
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                scratch[p * n + j] = bs[bo + j * ldb + p];
            }
        }
        return scratch;
    }
}

package dev.trainyard.engine.tensor;

import java.util.Arrays;

/**
 * Single-precision products as JVM loops for small matrices, where a native call costs more than
 * the arithmetic. The inner loops run over contiguous rows (an axpy of a row of b into a row of
 * c, or a dot product of two rows), so the JIT can vectorize them.
 */
final class FloatGemm {

    private FloatGemm() {
    }

    static void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, float alpha, float beta,
            int m, int n, int k) {
        float[] as = a.floats();
        float[] bs = b.floats();
        float[] cs = c.floats();
        int ao = a.offset();
        int bo = b.offset();
        int co = c.offset();
        int lda = a.cols();
        int ldb = b.cols();
        if (beta == 0) {
            Arrays.fill(cs, co, co + m * n, 0f);
        } else if (beta != 1) {
            for (int i = co; i < co + m * n; i++) {
                cs[i] *= beta;
            }
        }
        if (transposeB) {
            // c[i][j] += alpha * dot(a row i, b row j)
            for (int i = 0; i < m; i++) {
                int ai = ao + i * lda;
                int ci = co + i * n;
                for (int j = 0; j < n; j++) {
                    int bj = bo + j * ldb;
                    float sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += as[ai + p] * bs[bj + p];
                    }
                    cs[ci + j] += alpha * sum;
                }
            }
            return;
        }
        // c[i][:] += alpha * a[i][p] * b[p][:], with a[i][p] read transposed when asked
        for (int i = 0; i < m; i++) {
            int ci = co + i * n;
            for (int p = 0; p < k; p++) {
                float aip = alpha * (transposeA ? as[ao + p * lda + i] : as[ao + i * lda + p]);
                if (aip == 0) {
                    continue;
                }
                int bp = bo + p * ldb;
                for (int j = 0; j < n; j++) {
                    cs[ci + j] += aip * bs[bp + j];
                }
            }
        }
    }
}

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

    /** The row updates of the inner loop; SIMD when the Vector API module is present, plain loops otherwise. */
    interface Rows {
        /** Covers the leading rows of c it can do faster as a whole; returns how many. */
        int blocked(float[] cs, int co, int n, float[] as, int ao, int rowStep, int colStep, float[] bs, int bo, int ldb,
                float alpha, int m, int k, boolean overwrite);

        /**
         * The whole product when c is narrower than one vector (an output layer of a few classes), with b padded to
         * a vector's width; false when it does not apply and the caller goes on.
         */
        boolean narrow(float[] cs, int co, int n, float[] as, int ao, int rowStep, int colStep, float[] bs, int bo,
                int ldb, float alpha, int m, int k, boolean overwrite);

        /** x[r][:] += v for every row r. */
        void addRowToAll(float[] x, int xo, int rows, int cols, float[] v, int vo);

        /** out[:] += the sums of x's columns. */
        void columnSums(float[] x, int xo, int rows, int cols, float[] out, int oo);

        /** The sum of x[i]^2 over [from, to), accumulated in double precision. */
        double sumOfSquares(float[] x, int from, int to);

        void axpy4(float[] c, int ci, float[] b, int b0, int b1, int b2, int b3, float a0, float a1, float a2, float a3,
                int n);

        void axpy1(float[] c, int ci, float[] b, int b0, float a0, int n);

        float dot(float[] a, int ao, float[] b, int bo, int k);
    }

    static final Rows ROWS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? new VectorRows()
            : new PlainRows();

    private FloatGemm() {
    }

    static void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, float alpha, float beta,
            int m, int n, int k) {
        if (n == 1 && m > 1) {
            singleColumn(a, transposeA, b, c, alpha, beta, m, k);
            return;
        }
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
        if (beta != 0 && beta != 1) {
            for (int i = co; i < co + m * n; i++) {
                cs[i] *= beta;
            }
        }
        if (ROWS.narrow(cs, co, n, as, ao, rowStep, colStep, bs, bo, ldb, alpha, m, k, beta == 0)) {
            return;
        }
        // With beta 0 the blocked rows are written, not added to; the rows left over start from zero.
        int done = ROWS.blocked(cs, co, n, as, ao, rowStep, colStep, bs, bo, ldb, alpha, m, k, beta == 0);
        if (beta == 0) {
            Arrays.fill(cs, co + done * n, co + m * n, 0f);
        }
        for (int i = done; i < m; i++) {
            int ci = co + i * n;
            int ai = ao + i * rowStep;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                float a0 = alpha * as[ai + p * colStep];
                float a1 = alpha * as[ai + (p + 1) * colStep];
                float a2 = alpha * as[ai + (p + 2) * colStep];
                float a3 = alpha * as[ai + (p + 3) * colStep];
                int b0 = bo + p * ldb;
                ROWS.axpy4(cs, ci, bs, b0, b0 + ldb, b0 + 2 * ldb, b0 + 3 * ldb, a0, a1, a2, a3, n);
            }
            for (; p < k; p++) {
                ROWS.axpy1(cs, ci, bs, bo + p * ldb, alpha * as[ai + p * colStep], n);
            }
        }
    }

    /**
     * A product with one column (a network's single output): with a's rows contiguous each element
     * is one dot product; with a transposed, c^T = b^T a computes it as row updates of length m.
     */
    private static void singleColumn(Tensor a, boolean transposeA, Tensor b, Tensor c, float alpha, float beta, int m,
            int k) {
        float[] cs = c.floats();
        int co = c.offset();
        if (!transposeA) {
            float[] as = a.floats();
            for (int i = 0; i < m; i++) {
                float value = alpha * ROWS.dot(as, a.offset() + i * a.cols(), b.floats(), b.offset(), k);
                cs[co + i] = beta == 0 ? value : beta * cs[co + i] + value;
            }
            return;
        }
        gemm(b.view(0, 1, k), false, a, false, c.view(0, 1, m), alpha, beta, 1, m, k);
    }

    /** The same row updates as plain loops, for JVMs started without the Vector API module. */
    static final class PlainRows implements Rows {

        @Override
        public int blocked(float[] cs, int co, int n, float[] as, int ao, int rowStep, int colStep, float[] bs, int bo,
                int ldb, float alpha, int m, int k, boolean overwrite) {
            return 0;
        }

        @Override
        public boolean narrow(float[] cs, int co, int n, float[] as, int ao, int rowStep, int colStep, float[] bs,
                int bo, int ldb, float alpha, int m, int k, boolean overwrite) {
            return false;
        }

        @Override
        public void addRowToAll(float[] x, int xo, int rows, int cols, float[] v, int vo) {
            for (int r = 0, at = xo; r < rows; r++, at += cols) {
                for (int j = 0; j < cols; j++) {
                    x[at + j] += v[vo + j];
                }
            }
        }

        @Override
        public double sumOfSquares(float[] x, int from, int to) {
            double sum = 0;
            for (int start = from; start < to; start += 1024) {
                float partial = 0;
                for (int i = start, end = Math.min(to, start + 1024); i < end; i++) {
                    partial += x[i] * x[i];
                }
                sum += partial;
            }
            return sum;
        }

        @Override
        public void columnSums(float[] x, int xo, int rows, int cols, float[] out, int oo) {
            for (int r = 0, at = xo; r < rows; r++, at += cols) {
                for (int j = 0; j < cols; j++) {
                    out[oo + j] += x[at + j];
                }
            }
        }

        @Override
        public void axpy4(float[] c, int ci, float[] b, int b0, int b1, int b2, int b3, float a0, float a1, float a2,
                float a3, int n) {
            for (int j = 0; j < n; j++) {
                c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
            }
        }

        @Override
        public void axpy1(float[] c, int ci, float[] b, int b0, float a0, int n) {
            for (int j = 0; j < n; j++) {
                c[ci + j] += a0 * b[b0 + j];
            }
        }

        @Override
        public float dot(float[] a, int ao, float[] b, int bo, int k) {
            float sum = 0;
            for (int p = 0; p < k; p++) {
                sum += a[ao + p] * b[bo + p];
            }
            return sum;
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

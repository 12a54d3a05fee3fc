package dev.trainyard.engine.tensor;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The arithmetic the layers need, each on whole tensors. Matrix products go to native BLAS when
 * they are big enough to repay a native call and run as JVM loops otherwise; the element-wise
 * kernels run as JVM loops over the tensors' NIO views.
 */
public final class Kernels {

    /** Multiply-adds from which a native product beats a JVM loop on this machine kind (see docs/benchmarks.md). */
    static final long NATIVE_GEMM_MIN_MULTIPLY_ADDS = 65_536;

    private Kernels() {
    }

    /** c = alpha * op(a) * op(b) + beta * c, where op transposes when asked (no transposed copy is made). */
    public static void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, double alpha,
            double beta) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("cannot multiply " + m + "x" + k + " by " + kb + "x" + n + " into " + c);
        }
        if ((long) m * n * k >= NATIVE_GEMM_MIN_MULTIPLY_ADDS) {
            gemmNative(a, transposeA, b, transposeB, c, alpha, beta);
        } else {
            gemmJvm(a, transposeA, b, transposeB, c, alpha, beta, m, n, k);
        }
    }

    static void gemmNative(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, double alpha,
            double beta) {
        Nd4j.gemm(a.array(), b.array(), c.array(), transposeA, transposeB, alpha, beta);
    }

    static void gemmJvm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, double alpha,
            double beta, int m, int n, int k) {
        int lda = a.cols();
        int ldb = b.cols();
        int aRow = transposeA ? 1 : lda;
        int aStep = transposeA ? lda : 1;
        int bStep = transposeB ? 1 : ldb;
        int bCol = transposeB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                int ai = i * aRow;
                int bj = j * bCol;
                for (int p = 0; p < k; p++) {
                    sum += a.get(ai + p * aStep) * b.get(bj + p * bStep);
                }
                int at = i * n + j;
                c.set(at, beta == 0 ? alpha * sum : alpha * sum + beta * c.get(at));
            }
        }
    }

    /** Adds the 1 x cols row vector to every row of m. */
    public static void addRowVector(Tensor m, Tensor row) {
        int cols = m.cols();
        if (row.size() != cols) {
            throw new IllegalArgumentException("row of " + row.size() + " cannot be added to rows of " + cols);
        }
        for (int r = 0, at = 0; r < m.rows(); r++) {
            for (int c = 0; c < cols; c++, at++) {
                m.set(at, m.get(at) + row.get(c));
            }
        }
    }

    /** out = beta * out + the sums of m's columns (a 1 x cols row). */
    public static void sumColumns(Tensor m, Tensor out, double beta) {
        int cols = m.cols();
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            for (int r = 0; r < m.rows(); r++) {
                sum += m.get(r * cols + c);
            }
            out.set(c, beta == 0 ? sum : beta * out.get(c) + sum);
        }
    }

    /** y += alpha * x, element by element. */
    public static void axpy(double alpha, Tensor x, Tensor y) {
        y.requireSameShape(x);
        for (int i = 0; i < x.size(); i++) {
            y.set(i, y.get(i) + alpha * x.get(i));
        }
    }

    public static void scale(Tensor x, double factor) {
        for (int i = 0; i < x.size(); i++) {
            x.set(i, x.get(i) * factor);
        }
    }

    public static double sumOfSquares(Tensor x) {
        double sum = 0;
        for (int i = 0; i < x.size(); i++) {
            double v = x.get(i);
            sum += v * v;
        }
        return sum;
    }
}

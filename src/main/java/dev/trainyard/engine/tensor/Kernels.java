package dev.trainyard.engine.tensor;

/**
 * The arithmetic the layers need, each on whole tensors. Matrix products go to native BLAS when
 * they are big enough to repay the call and the copies, and run as JVM loops otherwise. Every
 * kernel has a single-precision path over the raw float arrays, written so the JIT can vectorize
 * it, and a general path (used in double precision, where gradient checks run).
 */
public final class Kernels {

    /** Multiply-adds from which a native product beats a JVM loop on this machine kind (see docs/benchmarks.md). */
    static final long NATIVE_GEMM_MIN_MULTIPLY_ADDS = 1L << 20;

    private Kernels() {
    }

    /** Whether the small-product kernels run as explicit SIMD (the JVM has the Vector API module). */
    public static boolean vectorized() {
        return FloatGemm.ROWS instanceof VectorRows;
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
        } else if (a.isFloat() && b.isFloat() && c.isFloat() && !(transposeA && transposeB)) {
            FloatGemm.gemm(a, transposeA, b, transposeB, c, (float) alpha, (float) beta, m, n, k);
        } else {
            gemmGeneral(a, transposeA, b, transposeB, c, alpha, beta, m, n, k);
        }
    }

    static void gemmNative(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, double alpha,
            double beta) {
        NativeGemm.current().gemm(a, transposeA, b, transposeB, c, alpha, beta);
    }

    static void gemmGeneral(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, double alpha,
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
        if (m.isFloat() && row.isFloat()) {
            float[] x = m.floats();
            float[] v = row.floats();
            int vo = row.offset();
            FloatGemm.ROWS.addRowToAll(x, m.offset(), m.rows(), cols, v, vo);
            return;
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
        if (m.isFloat() && out.isFloat()) {
            float[] x = m.floats();
            float[] o = out.floats();
            int oo = out.offset();
            for (int c = 0; c < cols; c++) {
                o[oo + c] = beta == 0 ? 0 : (float) (beta * o[oo + c]);
            }
            FloatGemm.ROWS.columnSums(x, m.offset(), m.rows(), cols, o, oo);
            return;
        }
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
        if (x.isFloat() && y.isFloat()) {
            float[] xs = x.floats();
            float[] ys = y.floats();
            int xo = x.offset();
            int yo = y.offset();
            float a = (float) alpha;
            if (xo == yo) {
                // one index for both arrays: the form the JIT vectorizes (see Activations)
                for (int i = xo, end = xo + x.size(); i < end; i++) {
                    ys[i] += a * xs[i];
                }
                return;
            }
            for (int i = 0; i < x.size(); i++) {
                ys[yo + i] += a * xs[xo + i];
            }
            return;
        }
        for (int i = 0; i < x.size(); i++) {
            y.set(i, y.get(i) + alpha * x.get(i));
        }
    }

    public static void scale(Tensor x, double factor) {
        if (x.isFloat()) {
            float[] xs = x.floats();
            float f = (float) factor;
            for (int i = x.offset(), end = x.offset() + x.size(); i < end; i++) {
                xs[i] *= f;
            }
            return;
        }
        for (int i = 0; i < x.size(); i++) {
            x.set(i, x.get(i) * factor);
        }
    }

    /** Sum of squares, accumulated in double precision. */
    public static double sumOfSquares(Tensor x) {
        return sumOfSquares(x, 0, x.size());
    }

    /** Sum of squares of elements [from, from + length), accumulated in double precision. */
    public static double sumOfSquares(Tensor x, int from, int length) {
        if (x.isFloat()) {
            return FloatGemm.ROWS.sumOfSquares(x.floats(), x.offset() + from, x.offset() + from + length);
        }
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            double v = x.get(i);
            sum += v * v;
        }
        return sum;
    }
}

package dev.trainyard.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loop of {@link FloatGemm} in explicit SIMD through the Vector API (an incubator
 * module in Java 17): c[ci..ci+n) += a0 b0[..] + a1 b1[..] + a2 b2[..] + a3 b3[..]. The JIT does
 * not vectorize the plain loop, since c and b are arrays it cannot tell apart. This class is
 * loaded only when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorRows implements FloatGemm.Rows {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final ThreadLocal<float[]> PADDED = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * The register-blocked core: a block of 4 rows by 2 vectors of columns of c stays in eight
     * vector registers through the whole k loop, reading each row of b once per block. Returns the
     * number of leading rows it covered fully (all columns); the caller finishes the rest.
     */
    @Override
    public int blocked(float[] cs, int co, int n, float[] as, int ao, int rowStep, int colStep, float[] bs, int bo,
            int ldb, float alpha, int m, int k, boolean overwrite) {
        int width = 2 * L;
        int jMain = n - n % width;
        int iMain = m - m % 4;
        if (jMain == 0 || iMain == 0) {
            return 0;
        }
        for (int i = 0; i < iMain; i += 4) {
            int a0 = ao + i * rowStep;
            for (int j = 0; j < jMain; j += width) {
                FloatVector c00 = FloatVector.zero(SPECIES);
                FloatVector c01 = c00;
                FloatVector c10 = c00;
                FloatVector c11 = c00;
                FloatVector c20 = c00;
                FloatVector c21 = c00;
                FloatVector c30 = c00;
                FloatVector c31 = c00;
                for (int p = 0; p < k; p++) {
                    int bp = bo + p * ldb + j;
                    FloatVector b0 = FloatVector.fromArray(SPECIES, bs, bp);
                    FloatVector b1 = FloatVector.fromArray(SPECIES, bs, bp + L);
                    int ap = a0 + p * colStep;
                    FloatVector x0 = FloatVector.broadcast(SPECIES, as[ap]);
                    FloatVector x1 = FloatVector.broadcast(SPECIES, as[ap + rowStep]);
                    FloatVector x2 = FloatVector.broadcast(SPECIES, as[ap + 2 * rowStep]);
                    FloatVector x3 = FloatVector.broadcast(SPECIES, as[ap + 3 * rowStep]);
                    c00 = b0.fma(x0, c00);
                    c01 = b1.fma(x0, c01);
                    c10 = b0.fma(x1, c10);
                    c11 = b1.fma(x1, c11);
                    c20 = b0.fma(x2, c20);
                    c21 = b1.fma(x2, c21);
                    c30 = b0.fma(x3, c30);
                    c31 = b1.fma(x3, c31);
                }
                int c0 = co + i * n + j;
                store(cs, c0, c00, c01, alpha, overwrite);
                store(cs, c0 + n, c10, c11, alpha, overwrite);
                store(cs, c0 + 2 * n, c20, c21, alpha, overwrite);
                store(cs, c0 + 3 * n, c30, c31, alpha, overwrite);
            }
            for (int r = i; r < i + 4; r++) {
                for (int j = jMain; j < n; j++) {
                    float sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += as[ao + r * rowStep + p * colStep] * bs[bo + p * ldb + j];
                    }
                    int at = co + r * n + j;
                    cs[at] = overwrite ? alpha * sum : cs[at] + alpha * sum;
                }
            }
        }
        return iMain;
    }

    /**
     * c narrower than one vector: b's rows are copied into a k x L block padded with zeros, then 8 rows of c at a
     * time stay in eight vector registers through the k loop (enough independent multiply-adds to cover their
     * latency), and the first n lanes of each are written out.
     */
    @Override
    public boolean narrow(float[] cs, int co, int n, float[] as, int ao, int rowStep, int colStep, float[] bs, int bo,
            int ldb, float alpha, int m, int k, boolean overwrite) {
        if (n < 2 || n >= L || m < 8) {
            return false;
        }
        float[] padded = PADDED.get();
        if (padded.length < k * L) {
            padded = new float[k * L];
            PADDED.set(padded);
        }
        for (int p = 0; p < k; p++) {
            System.arraycopy(bs, bo + p * ldb, padded, p * L, n);
            java.util.Arrays.fill(padded, p * L + n, (p + 1) * L, 0f);
        }
        float[] lanes = new float[L * 8];
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            FloatVector c3 = c0;
            FloatVector c4 = c0;
            FloatVector c5 = c0;
            FloatVector c6 = c0;
            FloatVector c7 = c0;
            int a0 = ao + i * rowStep;
            for (int p = 0; p < k; p++) {
                FloatVector b = FloatVector.fromArray(SPECIES, padded, p * L);
                int ap = a0 + p * colStep;
                c0 = b.fma(FloatVector.broadcast(SPECIES, as[ap]), c0);
                c1 = b.fma(FloatVector.broadcast(SPECIES, as[ap + rowStep]), c1);
                c2 = b.fma(FloatVector.broadcast(SPECIES, as[ap + 2 * rowStep]), c2);
                c3 = b.fma(FloatVector.broadcast(SPECIES, as[ap + 3 * rowStep]), c3);
                c4 = b.fma(FloatVector.broadcast(SPECIES, as[ap + 4 * rowStep]), c4);
                c5 = b.fma(FloatVector.broadcast(SPECIES, as[ap + 5 * rowStep]), c5);
                c6 = b.fma(FloatVector.broadcast(SPECIES, as[ap + 6 * rowStep]), c6);
                c7 = b.fma(FloatVector.broadcast(SPECIES, as[ap + 7 * rowStep]), c7);
            }
            c0.intoArray(lanes, 0);
            c1.intoArray(lanes, L);
            c2.intoArray(lanes, 2 * L);
            c3.intoArray(lanes, 3 * L);
            c4.intoArray(lanes, 4 * L);
            c5.intoArray(lanes, 5 * L);
            c6.intoArray(lanes, 6 * L);
            c7.intoArray(lanes, 7 * L);
            writeLanes(lanes, 8, cs, co + i * n, n, alpha, overwrite);
        }
        for (; i < m; i++) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            int ap = ao + i * rowStep;
            for (int p = 0; p < k; p++) {
                c0 = FloatVector.fromArray(SPECIES, padded, p * L).fma(FloatVector.broadcast(SPECIES, as[ap + p * colStep]),
                        c0);
            }
            c0.intoArray(lanes, 0);
            writeLanes(lanes, 1, cs, co + i * n, n, alpha, overwrite);
        }
        return true;
    }

    /** The first n lanes of each of {@code rows} vectors, scaled by alpha, into consecutive rows of c. */
    private static void writeLanes(float[] lanes, int rows, float[] cs, int at, int n, float alpha, boolean overwrite) {
        for (int r = 0; r < rows; r++, at += n) {
            for (int j = 0; j < n; j++) {
                float value = alpha * lanes[r * L + j];
                cs[at + j] = overwrite ? value : cs[at + j] + value;
            }
        }
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int k) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int p = 0;
        for (int upper = SPECIES.loopBound(k); p < upper; p += L) {
            sum = FloatVector.fromArray(SPECIES, a, ao + p).fma(FloatVector.fromArray(SPECIES, b, bo + p), sum);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            total += a[ao + p] * b[bo + p];
        }
        return total;
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        double total = 0;
        int i = from;
        // Lane-wise float sums over blocks of 4096, added up in double: fast, and the rounding stays bounded.
        while (i + L <= to) {
            int blockEnd = Math.min(to, i + 4096);
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int upper = blockEnd - (blockEnd - i) % L; i < upper; i += L) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                sum = v.fma(v, sum);
            }
            total += sum.reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            total += x[i] * x[i];
        }
        return total;
    }

    private static void store(float[] cs, int at, FloatVector low, FloatVector high, float alpha, boolean overwrite) {
        if (overwrite) {
            low.mul(alpha).intoArray(cs, at);
            high.mul(alpha).intoArray(cs, at + L);
            return;
        }
        FloatVector.fromArray(SPECIES, cs, at).add(low.mul(alpha)).intoArray(cs, at);
        FloatVector.fromArray(SPECIES, cs, at + L).add(high.mul(alpha)).intoArray(cs, at + L);
    }

    @Override
    public void addRowToAll(float[] x, int xo, int rows, int cols, float[] v, int vo) {
        int upper = SPECIES.loopBound(cols);
        for (int r = 0, at = xo; r < rows; r++, at += cols) {
            int j = 0;
            for (; j < upper; j += L) {
                FloatVector.fromArray(SPECIES, x, at + j).add(FloatVector.fromArray(SPECIES, v, vo + j))
                        .intoArray(x, at + j);
            }
            for (; j < cols; j++) {
                x[at + j] += v[vo + j];
            }
        }
    }

    @Override
    public void columnSums(float[] x, int xo, int rows, int cols, float[] out, int oo) {
        int j = 0;
        for (int upper = SPECIES.loopBound(cols); j < upper; j += L) {
            FloatVector sum = FloatVector.fromArray(SPECIES, out, oo + j);
            for (int r = 0, at = xo + j; r < rows; r++, at += cols) {
                sum = sum.add(FloatVector.fromArray(SPECIES, x, at));
            }
            sum.intoArray(out, oo + j);
        }
        for (; j < cols; j++) {
            float sum = out[oo + j];
            for (int r = 0, at = xo + j; r < rows; r++, at += cols) {
                sum += x[at];
            }
            out[oo + j] = sum;
        }
    }

    @Override
    public void axpy4(float[] c, int ci, float[] b, int b0, int b1, int b2, int b3, float a0, float a1, float a2,
            float a3, int n) {
        FloatVector v0 = FloatVector.broadcast(SPECIES, a0);
        FloatVector v1 = FloatVector.broadcast(SPECIES, a1);
        FloatVector v2 = FloatVector.broadcast(SPECIES, a2);
        FloatVector v3 = FloatVector.broadcast(SPECIES, a3);
        int j = 0;
        for (int upper = SPECIES.loopBound(n); j < upper; j += SPECIES.length()) {
            FloatVector sum = FloatVector.fromArray(SPECIES, c, ci + j);
            sum = FloatVector.fromArray(SPECIES, b, b0 + j).fma(v0, sum);
            sum = FloatVector.fromArray(SPECIES, b, b1 + j).fma(v1, sum);
            sum = FloatVector.fromArray(SPECIES, b, b2 + j).fma(v2, sum);
            sum = FloatVector.fromArray(SPECIES, b, b3 + j).fma(v3, sum);
            sum.intoArray(c, ci + j);
        }
        for (; j < n; j++) {
            c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
        }
    }

    @Override
    public void axpy1(float[] c, int ci, float[] b, int b0, float a0, int n) {
        FloatVector v0 = FloatVector.broadcast(SPECIES, a0);
        int j = 0;
        for (int upper = SPECIES.loopBound(n); j < upper; j += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, b, b0 + j).fma(v0, FloatVector.fromArray(SPECIES, c, ci + j))
                    .intoArray(c, ci + j);
        }
        for (; j < n; j++) {
            c[ci + j] += a0 * b[b0 + j];
        }
    }
}

package dev.trainyard.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.trainyard.engine.Rng;

class KernelsTest {

    // A = [[1, 2, 3], [4, 5, 6]] (2x3), B = [[7, 8], [9, 10], [11, 12]] (3x2)
    // A B = [[1*7+2*9+3*11, 1*8+2*10+3*12], [4*7+5*9+6*11, 4*8+5*10+6*12]] = [[58, 64], [139, 154]]
    private static final double[][] A = {{1, 2, 3}, {4, 5, 6}};
    private static final double[][] B = {{7, 8}, {9, 10}, {11, 12}};
    private static final double[][] AT = {{1, 4}, {2, 5}, {3, 6}};
    private static final double[][] BT = {{7, 9, 11}, {8, 10, 12}};
    private static final double[] PRODUCT = {58, 64, 139, 154};

    @ParameterizedTest
    @EnumSource(Precision.class)
    void jvmAndNativeProductsMatchHandValuesForEveryTransposeCombination(Precision precision) {
        for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
                Tensor a = Tensor.of(precision, transposeA ? AT : A);
                Tensor b = Tensor.of(precision, transposeB ? BT : B);
                Tensor general = Tensor.zeros(precision, 2, 2);
                Tensor dispatched = Tensor.zeros(precision, 2, 2);
                Tensor nativeResult = Tensor.zeros(precision, 2, 2);
                Kernels.gemmGeneral(a, transposeA, b, transposeB, general, 1, 0, 2, 2, 3);
                Kernels.gemm(a, transposeA, b, transposeB, dispatched, 1, 0);
                Kernels.gemmNative(a, transposeA, b, transposeB, nativeResult, 1, 0);
                assertThat(general.toArray()).as("general %s %s", transposeA, transposeB).containsExactly(PRODUCT);
                assertThat(dispatched.toArray()).as("jvm %s %s", transposeA, transposeB).containsExactly(PRODUCT);
                assertThat(nativeResult.toArray()).as("native %s %s", transposeA, transposeB).containsExactly(PRODUCT);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void alphaAndBetaScaleAndAccumulate(Precision precision) {
        for (boolean viaNative : new boolean[] {false, true}) {
            Tensor c = Tensor.of(precision, new double[][] {{1, 1}, {1, 1}});
            Tensor a = Tensor.of(precision, A);
            Tensor b = Tensor.of(precision, B);
            if (viaNative) {
                Kernels.gemmNative(a, false, b, false, c, 0.5, 2);
            } else {
                Kernels.gemm(a, false, b, false, c, 0.5, 2);
            }
            assertThat(c.toArray()).as("native %s", viaNative).containsExactly(31, 34, 71.5, 79);
        }
    }

    @Test
    void largeProductsGoNativeAndAgreeWithTheJvmLoop() {
        int m = 128;
        int k = 100;
        int n = 90;
        Tensor a = Tensor.zeros(Precision.DOUBLE, m, k);
        Tensor b = Tensor.zeros(Precision.DOUBLE, k, n);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, Math.sin(i));
        }
        for (int i = 0; i < b.size(); i++) {
            b.set(i, Math.cos(i));
        }
        Tensor viaDispatch = Tensor.zeros(Precision.DOUBLE, m, n);
        Tensor viaJvm = Tensor.zeros(Precision.DOUBLE, m, n);
        assertThat((long) m * n * k).isGreaterThanOrEqualTo(Kernels.NATIVE_GEMM_MIN_MULTIPLY_ADDS);
        Kernels.gemm(a, false, b, false, viaDispatch, 1, 0);
        Kernels.gemmGeneral(a, false, b, false, viaJvm, 1, 0, m, n, k);
        double[] expected = viaJvm.toArray();
        double[] actual = viaDispatch.toArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        Tensor a = Tensor.of(Precision.DOUBLE, A);
        assertThatThrownBy(() -> Kernels.gemm(a, false, a, false, Tensor.zeros(Precision.DOUBLE, 2, 3), 1, 0))
                .hasMessageContaining("cannot multiply 2x3 by 2x3");
    }

    @Test
    void singlePrecisionLoopsAgreeWithTheGeneralPathOnViews() {
        Rng rng = new Rng(12);
        for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
                if (transposeA && transposeB) {
                    continue;
                }
                // 5x4 takes the row loop; 10x37 also the 4-row, 2-vector blocks with row and column remainders;
                // 19x10, 8x2 and 9x15 the narrow kernel (8-row blocks of one padded vector) with and without a row
                // remainder
                for (int[] mnk : new int[][] {{5, 4, 7}, {10, 37, 9}, {23, 1, 19}, {19, 10, 13}, {8, 2, 5},
                        {9, 15, 64}}) {
                    for (double beta : new double[] {0, 0.3}) {
                        int m = mnk[0];
                        int n = mnk[1];
                        int k = mnk[2];
                        Tensor parent = Tensor.zeros(Precision.FLOAT, 1, 2000);
                        for (int i = 0; i < parent.size(); i++) {
                            parent.set(i, rng.nextGaussian());
                        }
                        Tensor a = parent.view(3, transposeA ? k : m, transposeA ? m : k);
                        Tensor b = parent.view(700, transposeB ? n : k, transposeB ? k : n);
                        Tensor fast = Tensor.zeros(Precision.FLOAT, m, n);
                        Tensor general = Tensor.zeros(Precision.FLOAT, m, n);
                        fast.fill(1);
                        general.fill(1);
                        Kernels.gemm(a, transposeA, b, transposeB, fast, 0.7, beta);
                        Kernels.gemmGeneral(a, transposeA, b, transposeB, general, 0.7, beta, m, n, k);
                        assertThat(fast.toArray()).as("%s %s %dx%dx%d beta %s", transposeA, transposeB, m, n, k, beta)
                                .containsExactly(general.toArray(), within(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void vectorAndPlainRowUpdatesAgree() {
        assertThat(FloatGemm.ROWS).as("tests run with the Vector API module").isInstanceOf(VectorRows.class);
        Rng rng = new Rng(3);
        float[] b = new float[200];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextGaussian();
        }
        float[] longer = new float[10_000];
        for (int i = 0; i < longer.length; i++) {
            longer[i] = (float) rng.nextGaussian();
        }
        for (int n : new int[] {1, 7, 150, 4097, 9000}) {
            assertThat(new VectorRows().sumOfSquares(longer, 5, 5 + n))
                    .isCloseTo(new FloatGemm.PlainRows().sumOfSquares(longer, 5, 5 + n), within(1e-6 * n));
        }
        for (int n : new int[] {1, 7, 8, 16, 19, 37}) {
            float[] vector = new float[60];
            float[] plain = new float[60];
            new VectorRows().axpy4(vector, 3, b, 5, 50, 95, 140, 0.5f, -1.5f, 2f, 0.25f, n);
            new FloatGemm.PlainRows().axpy4(plain, 3, b, 5, 50, 95, 140, 0.5f, -1.5f, 2f, 0.25f, n);
            new VectorRows().axpy1(vector, 1, b, 7, 3f, n);
            new FloatGemm.PlainRows().axpy1(plain, 1, b, 7, 3f, n);
            float[] rowsVector = Arrays.copyOf(b, 200);
            float[] rowsPlain = Arrays.copyOf(b, 200);
            new VectorRows().addRowToAll(rowsVector, 2, 4, n, b, 150);
            new FloatGemm.PlainRows().addRowToAll(rowsPlain, 2, 4, n, b, 150);
            assertThat(rowsVector).containsExactly(rowsPlain);
            float[] sumsVector = Arrays.copyOf(b, 60);
            float[] sumsPlain = Arrays.copyOf(b, 60);
            new VectorRows().columnSums(b, 10, 3, n, sumsVector, 5);
            new FloatGemm.PlainRows().columnSums(b, 10, 3, n, sumsPlain, 5);
            assertThat(sumsVector).containsExactly(sumsPlain, within(1e-5f));
            assertThat(new VectorRows().dot(b, 3, b, 60, n)).isCloseTo(new FloatGemm.PlainRows().dot(b, 3, b, 60, n),
                    within(1e-4f));
            for (int i = 0; i < vector.length; i++) {
                assertThat(vector[i]).as("n=%d element %d", n, i).isCloseTo(plain[i], within(1e-5f));
            }
        }
    }

    @Test
    void viewsShareMemoryWithTheirParent() {
        Tensor flat = Tensor.zeros(Precision.FLOAT, 1, 10);
        Tensor middle = flat.view(4, 2, 3);
        middle.set(0, 1, 5);
        assertThat(flat.get(5)).isEqualTo(5);
        Kernels.gemm(Tensor.of(Precision.FLOAT, new double[][] {{1, 2}, {3, 4}}), false,
                Tensor.of(Precision.FLOAT, new double[][] {{1, 0, 2}, {0, 1, 3}}), false, middle, 1, 0);
        // [[1, 2, 8], [3, 4, 18]] written into elements 4..9 of the parent
        assertThat(flat.toArray()).containsExactly(0, 0, 0, 0, 1, 2, 8, 3, 4, 18);
        Tensor nested = middle.view(3, 1, 3);
        assertThat(nested.toArray()).containsExactly(3, 4, 18);
        assertThatThrownBy(() -> flat.view(8, 1, 3)).hasMessageContaining("outside");
    }

    @Test
    void rowAndColumnHelpers() {
        Tensor m = Tensor.of(Precision.DOUBLE, A);
        Kernels.addRowVector(m, Tensor.of(Precision.DOUBLE, new double[][] {{10, 20, 30}}));
        assertThat(m.toArray()).containsExactly(11, 22, 33, 14, 25, 36);
        Tensor sums = Tensor.of(Precision.DOUBLE, new double[][] {{1, 1, 1}});
        Kernels.sumColumns(m, sums, 1);
        assertThat(sums.toArray()).containsExactly(26, 48, 70);
        assertThat(Kernels.sumOfSquares(Tensor.of(Precision.DOUBLE, new double[][] {{3, 4}}))).isEqualTo(25);
        Tensor y = Tensor.of(Precision.DOUBLE, new double[][] {{1, 2}});
        Kernels.axpy(-2, Tensor.of(Precision.DOUBLE, new double[][] {{1, 1}}), y);
        assertThat(y.toArray()).containsExactly(-1, 0);
    }
}

package dev.trainyard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J loads with the pinned JNA and commons-* versions and computes on the CPU backend. */
class EngineRuntimeTest {

    @Test
    void warmUpLoadsTheCpuBackendOnOpenBlas() {
        RuntimeInfo info = EngineRuntime.warmUp();

        assertThat(info.backend()).isEqualTo("CPU");
        assertThat(info.blasVendor()).isEqualTo("OPENBLAS");
        assertThat(info.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(info.blasThreads()).isBetween(1, info.cores());
        assertThat(info.warmUpMillis()).isNotNegative();
        assertThat(info.vectorized()).as("tests run with --add-modules=jdk.incubator.vector").isTrue();
    }

    @Test
    void nativeMatrixProductMatchesHandComputedValues() {
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new double[][] {{5, 6}, {7, 8}});
        // [1*5+2*7, 1*6+2*8; 3*5+4*7, 3*6+4*8]
        assertThat(a.mmul(b).toDoubleMatrix()).isEqualTo(new double[][] {{19, 22}, {43, 50}});
    }

    @Test
    void arraysRoundTripThroughBytesWithThePinnedCommonsLibraries() throws Exception {
        INDArray original = Nd4j.linspace(DataType.FLOAT, 1, 12, 1).reshape(3, 4);
        INDArray copy = Nd4j.fromByteArray(Nd4j.toByteArray(original));
        assertThat(copy.shape()).containsExactly(3, 4);
        assertThat(copy.toFloatMatrix()).isEqualTo(original.toFloatMatrix());
    }
}

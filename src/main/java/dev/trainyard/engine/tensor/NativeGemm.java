package dev.trainyard.engine.tensor;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Large matrix products on native BLAS through ND4J. Operands live on the Java heap, so each
 * call copies them into off-heap buffers (kept per shape and reused) and the result back: bulk
 * copies cost about a tenth of a nanosecond per element, far below the product itself at the
 * sizes that come here. One instance per thread; engines are single-threaded.
 */
final class NativeGemm {

    private static final ThreadLocal<NativeGemm> PER_THREAD = ThreadLocal.withInitial(NativeGemm::new);

    private final Map<String, INDArray> buffers = new HashMap<>();

    static NativeGemm current() {
        return PER_THREAD.get();
    }

    /** c = alpha * op(a) op(b) + beta * c. */
    void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, double alpha, double beta) {
        INDArray na = copyIn("a", a);
        INDArray nb = copyIn("b", b);
        INDArray nc = beta == 0 ? buffer("c", c) : copyIn("c", c);
        Nd4j.gemm(na, nb, nc, transposeA, transposeB, alpha, beta);
        copyOut(nc, c);
    }

    private INDArray buffer(String role, Tensor t) {
        String key = role + t.precision() + t.rows() + "x" + t.cols();
        return buffers.computeIfAbsent(key, k -> Nd4j.createUninitialized(t.precision().dataType, t.rows(), t.cols()));
    }

    private INDArray copyIn(String role, Tensor t) {
        INDArray array = buffer(role, t);
        if (t.isFloat()) {
            array.data().asNioFloat().put(t.floats(), t.offset(), t.size());
        } else {
            array.data().asNioDouble().put(t.doubles(), t.offset(), t.size());
        }
        return array;
    }

    private static void copyOut(INDArray array, Tensor t) {
        if (t.isFloat()) {
            array.data().asNioFloat().get(t.floats(), t.offset(), t.size());
        } else {
            array.data().asNioDouble().get(t.doubles(), t.offset(), t.size());
        }
    }
}

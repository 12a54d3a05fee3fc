package dev.trainyard.engine.nn;

import java.util.HashMap;
import java.util.Map;

import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * A maxBatch x width buffer handing out views of its top rows. Views are kept per row count: a
 * run sees only a few (the batch, the last partial batch, the evaluation chunks).
 */
final class BatchBuffer {

    private final Tensor whole;
    private final Map<Integer, Tensor> views = new HashMap<>();

    BatchBuffer(Precision precision, int maxBatch, int width) {
        this.whole = Tensor.zeros(precision, maxBatch, width);
    }

    Tensor rows(int rows) {
        return views.computeIfAbsent(rows, whole::topRows);
    }
}

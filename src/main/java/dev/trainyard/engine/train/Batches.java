package dev.trainyard.engine.train;

import java.util.HashMap;
import java.util.Map;

import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/** Gathers rows of a split's features and targets into reusable batch tensors. */
final class Batches {

    private final Tensor features;
    private final Tensor targets;
    private final Map<Integer, Tensor[]> views = new HashMap<>();

    Batches(Precision precision, int capacity, int featureCount, int outputs) {
        this.features = Tensor.zeros(precision, capacity, featureCount);
        this.targets = Tensor.zeros(precision, capacity, outputs);
    }

    int capacity() {
        return features.rows();
    }

    /** Rows start..start+n of the source, in order. */
    Tensor features(Tensor source, int start, int n) {
        return copyRows(source, null, start, n, view(n)[0]);
    }

    Tensor targets(Tensor source, int start, int n) {
        return copyRows(source, null, start, n, view(n)[1]);
    }

    /** Rows order[start]..order[start+n-1] of the source. */
    Tensor features(Tensor source, int[] order, int start, int n) {
        return copyRows(source, order, start, n, view(n)[0]);
    }

    Tensor targets(Tensor source, int[] order, int start, int n) {
        return copyRows(source, order, start, n, view(n)[1]);
    }

    private Tensor[] view(int n) {
        return views.computeIfAbsent(n, rows -> new Tensor[] {features.topRows(rows), targets.topRows(rows)});
    }

    private static Tensor copyRows(Tensor source, int[] order, int start, int n, Tensor into) {
        int width = source.cols();
        if (source.isFloat() && into.isFloat()) {
            for (int r = 0; r < n; r++) {
                int from = (order == null ? start + r : order[start + r]) * width;
                System.arraycopy(source.floats(), source.offset() + from, into.floats(), into.offset() + r * width, width);
            }
            return into;
        }
        for (int r = 0; r < n; r++) {
            int from = (order == null ? start + r : order[start + r]) * width;
            int to = r * width;
            for (int c = 0; c < width; c++) {
                into.set(to + c, source.get(from + c));
            }
        }
        return into;
    }
}

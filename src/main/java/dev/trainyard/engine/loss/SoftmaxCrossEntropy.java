package dev.trainyard.engine.loss;

import dev.trainyard.engine.tensor.Tensor;

/**
 * p = softmax(z) row by row; loss = -mean over rows of sum_j y_j log p_j, computed as
 * logsumexp(z) - sum_j y_j z_j (targets sum to 1), with the row maximum subtracted first so no
 * exponential overflows. Gradient: (p - y) / n.
 */
public final class SoftmaxCrossEntropy implements OutputLoss {

    @Override
    public double forward(Tensor z, Tensor targets, Tensor predictions) {
        int rows = z.rows();
        int cols = z.cols();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, z.get(base + c));
            }
            double sum = 0;
            double targetDotZ = 0;
            for (int c = 0; c < cols; c++) {
                double shifted = z.get(base + c) - max;
                double e = Math.exp(shifted);
                predictions.set(base + c, e);
                sum += e;
                targetDotZ += targets.get(base + c) * shifted;
            }
            for (int c = 0; c < cols; c++) {
                predictions.set(base + c, predictions.get(base + c) / sum);
            }
            total += Math.log(sum) - targetDotZ;
        }
        return total / rows;
    }

    @Override
    public void gradient(Tensor predictions, Tensor targets, Tensor dz) {
        OutputLoss.scaledDifference(predictions, targets, dz, 1.0 / predictions.rows());
    }

    @Override
    public void predict(Tensor z, Tensor predictions) {
        if (z.isFloat() && predictions.isFloat()) {
            predictFloats(z.floats(), z.offset(), predictions.floats(), predictions.offset(), z.rows(), z.cols());
            return;
        }
        int cols = z.cols();
        for (int r = 0; r < z.rows(); r++) {
            int base = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, z.get(base + c));
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(z.get(base + c) - max);
                predictions.set(base + c, e);
                sum += e;
            }
            for (int c = 0; c < cols; c++) {
                predictions.set(base + c, predictions.get(base + c) / sum);
            }
        }
    }

    /** The same over raw float arrays, the exponentials still in double. */
    private static void predictFloats(float[] z, int zo, float[] p, int po, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int zi = zo + r * cols;
            int pi = po + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, z[zi + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp((double) z[zi + c] - max);
                p[pi + c] = (float) e;
                sum += e;
            }
            float inverse = (float) (1 / sum);
            for (int c = 0; c < cols; c++) {
                p[pi + c] *= inverse;
            }
        }
    }
}

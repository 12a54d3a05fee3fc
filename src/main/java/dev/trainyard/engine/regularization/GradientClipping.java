package dev.trainyard.engine.regularization;

import dev.trainyard.engine.tensor.Kernels;
import dev.trainyard.engine.tensor.Tensor;

/** Clipping by global norm: when ||g|| > limit, g = g * limit / ||g||, keeping its direction. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** Clips in place when a limit is set; returns the norm before clipping. */
    public static double clip(Tensor gradients, Double limit) {
        double norm = Math.sqrt(Kernels.sumOfSquares(gradients));
        if (limit != null && norm > limit && Double.isFinite(norm)) {
            Kernels.scale(gradients, limit / norm);
        }
        return norm;
    }
}

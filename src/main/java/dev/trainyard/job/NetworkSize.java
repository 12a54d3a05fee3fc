package dev.trainyard.job;

import java.util.List;

import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Task;

/** Counts a model's trainable parameters for a dataset, to hold jobs to the configured limits. */
final class NetworkSize {

    private NetworkSize() {
    }

    /**
     * Outputs of the network: one for regression and for two classes trained with binary cross-entropy (the loss
     * the model resolves to, as the trainer resolves it), else one per class.
     */
    static int outputs(ModelSpec model, Task task, int classes) {
        if (task == Task.REGRESSION) {
            return 1;
        }
        return classes == 2 && model.resolvedLoss(task, classes) == Loss.BINARY_CROSS_ENTROPY ? 1 : classes;
    }

    static long parameters(ModelSpec model, int inputs, int outputs) {
        long[] count = {0};
        int width = hidden(model.layers(), inputs, count);
        return count[0] + (long) width * outputs + outputs;
    }

    private static int hidden(List<LayerSpec> layers, int width, long[] count) {
        int w = width;
        for (LayerSpec layer : layers) {
            if (layer instanceof LayerSpec.Dense dense) {
                count[0] += (long) w * dense.units() + dense.units();
                w = dense.units();
            } else if (layer instanceof LayerSpec.BatchNorm) {
                count[0] += 2L * w;
            } else if (layer instanceof LayerSpec.Residual residual) {
                hidden(residual.layers(), w, count);
            }
        }
        return w;
    }
}

package dev.trainyard.engine.diagnose;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.TrainingSpec;

/**
 * What the rules know of a run besides its metrics: the spec it ran (with every default filled in), the dataset's
 * task, class counts and feature spreads, and how it ended.
 *
 * @param classCounts  rows per class (classification), in any order; empty for regression
 * @param featureRange the raw numeric features' ranges (max - min), before any standardization (empty when unknown)
 * @param divergence   why the run stopped as diverged, or null
 */
public record Facts(ModelSpec model, TrainingSpec training, SplitSpec split, Task task, long[] classCounts,
                    double[] featureRange, String divergence) {

    public Facts {
        classCounts = classCounts == null ? new long[0] : classCounts.clone();
        featureRange = featureRange == null ? new double[0] : featureRange.clone();
    }

    /** A hidden dense layer: the metrics' name for it, its path in the spec, its spec. */
    public record DenseRef(String name, String path, LayerSpec.Dense spec) {
    }

    /** The hidden dense layers from the input towards the output, residual blocks' inner layers in place. */
    public List<DenseRef> denseLayers() {
        List<DenseRef> layers = new ArrayList<>();
        collect(model.layers(), "layer", "model.layers", layers);
        return layers;
    }

    private static void collect(List<LayerSpec> specs, String name, String path, List<DenseRef> into) {
        for (int i = 0; i < specs.size(); i++) {
            String n = name.equals("layer") ? "layer" + i : name + "." + i;
            String p = path + "[" + i + "]";
            if (specs.get(i) instanceof LayerSpec.Dense dense) {
                into.add(new DenseRef(n, p, dense));
            } else if (specs.get(i) instanceof LayerSpec.Residual residual) {
                collect(residual.layers(), n, p + ".layers", into);
            }
        }
    }

    /**
     * The training loss of a model that learned nothing: the entropy of the class frequencies for cross-entropy
     * (predicting the prior), 1 for mean squared error on a standardized target (predicting the mean); NaN when not
     * known.
     */
    public double chanceLoss() {
        if (task == Task.CLASSIFICATION) {
            long total = 0;
            for (long c : classCounts) {
                total += c;
            }
            if (total == 0) {
                return Double.NaN;
            }
            double entropy = 0;
            for (long c : classCounts) {
                if (c > 0) {
                    double p = (double) c / total;
                    entropy -= p * Math.log(p);
                }
            }
            return entropy;
        }
        return split.standardizeTarget() ? 1.0 : Double.NaN;
    }
}

package dev.trainyard.engine.train;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.TrainingSpec;

/** Checks of a spec against a dataset, and warnings about choices that train but hurt. */
final class SpecChecks {

    private SpecChecks() {
    }

    /** Early stopping must watch a metric this run produces: validation metrics need a validation split. */
    static void requireMonitoredMetric(TrainingSpec spec, PreparedData data, Targets targets) {
        if (spec.earlyStopping() == null) {
            return;
        }
        List<String> names = new ArrayList<>(List.of("train_loss", "learning_rate", "grad_norm"));
        List<String> evaluated = targets.task() == Task.CLASSIFICATION ? List.of("loss", "accuracy")
                : List.of("loss", "mae", "rmse", "r2");
        if (targets.task() == Task.CLASSIFICATION) {
            names.add("train_accuracy");
        }
        if (!data.validation().isEmpty()) {
            evaluated.forEach(name -> names.add("val_" + name));
        }
        if (!names.contains(spec.earlyStopping().monitor())) {
            throw new InvalidSpecException("earlyStopping.monitor must be one of " + names + " for this dataset, was '"
                    + spec.earlyStopping().monitor() + "'" + (data.validation().isEmpty()
                            ? " (there is no validation split: set dataset.validationSplit above 0)" : ""));
        }
    }

    /** Whether image augmentation applies; asking for it on data that is not declared as images is an error. */
    static boolean imageAugmentation(TrainingSpec spec, PreparedData data) {
        Augmentation.Image image = spec.augmentation().image();
        if (image == null || !image.active()) {
            return false;
        }
        if (data.image() == null) {
            throw new InvalidSpecException("augmentation.image needs a dataset declared as images (with an image shape, "
                    + "such as builtin:digits); this one is tabular: remove augmentation.image or use gaussianNoise");
        }
        return true;
    }

    /** Layers whose initialization gives every unit the same weights, so they can never differ. */
    static List<String> warnings(ModelSpec model) {
        List<String> warnings = new ArrayList<>();
        collect(model.layers(), "layers", warnings);
        return warnings;
    }

    private static void collect(List<LayerSpec> layers, String path, List<String> warnings) {
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer instanceof LayerSpec.Dense dense && dense.init().symmetric()) {
                warnings.add("model." + path + "[" + i + "] starts every unit with the same weights ("
                        + dense.init() + "): all its units compute the same thing and receive the same gradient, so "
                        + "they stay identical. Use he or xavier to break the symmetry.");
            }
            if (layer instanceof LayerSpec.Residual residual) {
                collect(residual.layers(), path + "[" + i + "].layers", warnings);
            }
        }
    }
}

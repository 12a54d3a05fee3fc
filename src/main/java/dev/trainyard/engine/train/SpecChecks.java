package dev.trainyard.engine.train;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.EarlyStopping;
import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.TrainingSpec;

/** Checks of a spec against a dataset, and warnings about choices that train but hurt. */
final class SpecChecks {

    private SpecChecks() {
    }

    /**
     * Early stopping must watch a metric this run reports ({@link EarlyStopping#reported}): validation metrics need a
     * validation split, and each task has its own. Submission checks the same from the dataset's profile.
     */
    static void requireMonitoredMetric(TrainingSpec spec, PreparedData data, Targets targets) {
        if (spec.earlyStopping() == null) {
            return;
        }
        String unreported = spec.earlyStopping().unreported(targets.task(), !data.validation().isEmpty());
        if (unreported != null) {
            throw new InvalidSpecException("earlyStopping.monitor " + unreported);
        }
    }

    /** Whether image augmentation applies; asking for it on data that is not declared as images is an error. */
    static boolean imageAugmentation(TrainingSpec spec, PreparedData data) {
        String misfit = spec.augmentation().imageMisfit(data.image() != null);
        if (misfit != null) {
            throw new InvalidSpecException("augmentation.image " + misfit);
        }
        return spec.augmentation().imageActive();
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

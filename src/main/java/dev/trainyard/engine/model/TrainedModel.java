package dev.trainyard.engine.model;

import java.util.List;

import dev.trainyard.engine.data.Imputer;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;

/**
 * Everything needed to predict with a trained network, as plain data: the architecture, the
 * resolved loss (which fixes the output activation), the weights in the flat layout, the
 * batch-norm running statistics, the normalizer for raw inputs, the class names, and the imputer that fills missing
 * raw inputs (null when the model was trained without one), and the target's mean and scale per output when a
 * regression was trained on a standardized target (null otherwise), so predictions come back in its units.
 * {@code inputs} is the network's input width: the raw features and, after them, the imputer's missing-value
 * indicators.
 */
public record TrainedModel(ModelSpec model, Loss loss, Task task, int inputs, int outputs, List<String> classNames,
                           Normalizer normalizer, double[] parameters, List<double[]> state, Imputer imputer,
                           Normalizer target) {

    public TrainedModel(ModelSpec model, Loss loss, Task task, int inputs, int outputs, List<String> classNames,
                        Normalizer normalizer, double[] parameters, List<double[]> state) {
        this(model, loss, task, inputs, outputs, classNames, normalizer, parameters, state, null, null);
    }

    public TrainedModel {
        classNames = List.copyOf(classNames);
        parameters = parameters.clone();
        state = state.stream().map(double[]::clone).toList();
        if (normalizer.features() != inputs) {
            throw new IllegalArgumentException("the normalizer covers " + normalizer.features() + " features, the model takes "
                    + inputs);
        }
        if (target != null && (task != Task.REGRESSION || target.features() != outputs)) {
            throw new IllegalArgumentException("a target normalizer needs a regression of " + target.features()
                    + " outputs");
        }
        if (imputer != null && imputer.outputs() != inputs) {
            throw new IllegalArgumentException("the imputer makes " + imputer.outputs() + " inputs, the model takes "
                    + inputs);
        }
    }

    /** The width of a raw row given to predict on: the features without the indicators. */
    public int rawFeatures() {
        return imputer == null ? inputs : imputer.features();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public List<double[]> state() {
        return state.stream().map(double[]::clone).toList();
    }
}

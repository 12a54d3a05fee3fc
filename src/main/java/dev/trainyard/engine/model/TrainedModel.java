package dev.trainyard.engine.model;

import java.util.List;

import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;

/**
 * Everything needed to predict with a trained network, as plain data: the architecture, the
 * resolved loss (which fixes the output activation), the weights in the flat layout, the
 * batch-norm running statistics, the normalizer for raw inputs and the class names.
 */
public record TrainedModel(ModelSpec model, Loss loss, Task task, int inputs, int outputs, List<String> classNames,
                           Normalizer normalizer, double[] parameters, List<double[]> state) {

    public TrainedModel {
        classNames = List.copyOf(classNames);
        parameters = parameters.clone();
        state = state.stream().map(double[]::clone).toList();
        if (normalizer.features() != inputs) {
            throw new IllegalArgumentException("the normalizer covers " + normalizer.features() + " features, the model takes "
                    + inputs);
        }
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

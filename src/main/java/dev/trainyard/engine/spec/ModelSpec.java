package dev.trainyard.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The network: hidden layers in order, then an output layer sized by the task. How many layers a network may have is
 * the service's policy (trainyard.jobs.max-layers), not the engine's.
 */
public record ModelSpec(List<LayerSpec> layers, Output output, Loss loss) {

    /** The output and loss a job spec that leaves them out gets: chosen from the task when the run starts. */
    public static final Output DEFAULT_OUTPUT = Output.AUTO;
    public static final Loss DEFAULT_LOSS = Loss.AUTO;

    public ModelSpec {
        layers = Require.list("model.layers", layers);
        output = output == null ? DEFAULT_OUTPUT : output;
        loss = loss == null ? DEFAULT_LOSS : loss;
        if (!compatible(output, loss)) {
            throw new InvalidSpecException("loss " + Require.named(loss) + " does not fit output " + Require.named(output)
                    + ": use softmax with softmax_cross_entropy, sigmoid with binary_cross_entropy, or auto");
        }
    }

    /** Width after every hidden layer, given the number of input features; checks residual blocks keep widths. */
    public int hiddenWidth(int inputs) {
        Require.positive("input features", inputs);
        int width = inputs;
        for (LayerSpec layer : layers) {
            width = layer.outputWidth(width);
        }
        return width;
    }

    /**
     * The loss this model trains with on a task of {@code classes} classes (ignored for regression): its own, or for
     * AUTO the one its output implies (softmax: softmax_cross_entropy, sigmoid: binary_cross_entropy, linear:
     * mean_squared_error), or with both AUTO the task's: mean_squared_error for regression, binary_cross_entropy for
     * two classes, softmax_cross_entropy for more.
     */
    public Loss resolvedLoss(Task task, int classes) {
        if (loss != Loss.AUTO) {
            return loss;
        }
        return switch (output) {
            case SOFTMAX -> Loss.SOFTMAX_CROSS_ENTROPY;
            case SIGMOID -> Loss.BINARY_CROSS_ENTROPY;
            case LINEAR -> Loss.MEAN_SQUARED_ERROR;
            case AUTO -> task == Task.REGRESSION ? Loss.MEAN_SQUARED_ERROR
                    : classes == 2 ? Loss.BINARY_CROSS_ENTROPY : Loss.SOFTMAX_CROSS_ENTROPY;
        };
    }

    /**
     * What keeps this output and loss from training on the task, each under its field; empty when they fit. A
     * regression predicts numbers, so it needs a linear output and mean squared error, never class probabilities; a
     * sigmoid output and binary cross-entropy give one probability, which decides between two classes only.
     */
    public List<FitNote> misfits(Task task, int classes) {
        List<FitNote> found = new ArrayList<>();
        if (task == Task.REGRESSION) {
            if (output == Output.SOFTMAX || output == Output.SIGMOID) {
                found.add(new FitNote("model.output", "must be linear (or auto) for a regression dataset, was "
                        + Require.named(output) + ", which gives class probabilities: set model.output to linear"));
            }
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY || loss == Loss.BINARY_CROSS_ENTROPY) {
                found.add(new FitNote("model.loss", "must be mean_squared_error (or auto) for a regression dataset, "
                        + "was " + Require.named(loss) + ", a loss over classes: set model.loss to mean_squared_error"));
            }
        } else if (classes > 2) {
            if (output == Output.SIGMOID) {
                found.add(new FitNote("model.output", "must be softmax (or auto) for a dataset of " + classes
                        + " classes, was sigmoid, which decides between two classes only: set model.output to softmax"));
            }
            if (loss == Loss.BINARY_CROSS_ENTROPY) {
                found.add(new FitNote("model.loss", "must be softmax_cross_entropy (or auto) for a dataset of "
                        + classes + " classes, was binary_cross_entropy, which is for two classes: set model.loss to "
                        + "softmax_cross_entropy"));
            }
        }
        return List.copyOf(found);
    }

    /** {@link #resolvedLoss}, for a model that fits the task; an InvalidSpecException naming every misfit otherwise. */
    public Loss lossFor(Task task, int classes) {
        List<FitNote> found = misfits(task, classes);
        if (!found.isEmpty()) {
            throw new InvalidSpecException(String.join("; ", found.stream().map(FitNote::describe).toList()));
        }
        return resolvedLoss(task, classes);
    }

    private static boolean compatible(Output output, Loss loss) {
        if (output == Output.AUTO || loss == Loss.AUTO) {
            return true;
        }
        return switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> output == Output.SOFTMAX;
            case BINARY_CROSS_ENTROPY -> output == Output.SIGMOID;
            case MEAN_SQUARED_ERROR -> true;
            case AUTO -> true;
        };
    }
}

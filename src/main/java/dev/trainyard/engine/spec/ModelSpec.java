package dev.trainyard.engine.spec;

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
            throw new InvalidSpecException("loss " + loss + " does not fit output " + output
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

package dev.trainyard.engine.spec;

import java.util.List;

/** One hidden layer of a model; the output layer is added from {@link ModelSpec#output()}. */
public sealed interface LayerSpec {

    /** Width of this layer's output, given the width of its input. */
    int outputWidth(int inputWidth);

    /** A linear layer z = x W + b followed by an activation. */
    record Dense(int units, Activation activation, double alpha, Init init) implements LayerSpec {

        public static final Activation DEFAULT_ACTIVATION = Activation.RELU;
        public static final double DEFAULT_LEAKY_SLOPE = 0.01;

        public Dense {
            Require.positive("units", units);
            Require.present("activation", activation);
            Require.present("init", init);
            if (activation == Activation.LEAKY_RELU) {
                Require.fraction("alpha", alpha);
            }
        }

        /** A dense layer with the initialization that suits its activation. */
        public static Dense of(int units, Activation activation) {
            return new Dense(units, activation, DEFAULT_LEAKY_SLOPE, Init.forActivation(activation));
        }

        @Override
        public int outputWidth(int inputWidth) {
            return units;
        }
    }

    /**
     * Batch normalization: in training, each feature is standardised with the batch's mean and
     * variance, then scaled by gamma and shifted by beta (both learned); at inference the running
     * averages of mean and variance are used instead. running = momentum * running + (1 - momentum) * batch.
     */
    record BatchNorm(double momentum, double epsilon) implements LayerSpec {

        public static final BatchNorm DEFAULT = new BatchNorm(0.9, 1e-5);

        public BatchNorm {
            Require.fractionFromZero("momentum", momentum);
            Require.positive("epsilon", epsilon);
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inputWidth;
        }
    }

    /** Inverted dropout: in training each unit is zeroed with probability rate and survivors are scaled by 1 / (1 - rate). */
    record Dropout(double rate) implements LayerSpec {

        public Dropout {
            Require.fractionFromZero("rate", rate);
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inputWidth;
        }
    }

    /** y = x + f(x) for a stack f of layers that keeps the width: gradients reach early layers through the identity. */
    record Residual(List<LayerSpec> layers) implements LayerSpec {

        public Residual {
            layers = Require.list("layers", layers);
            if (layers.isEmpty()) {
                throw new InvalidSpecException("a residual block needs at least one layer, had none");
            }
        }

        @Override
        public int outputWidth(int inputWidth) {
            int width = inputWidth;
            for (int i = 0; i < layers.size(); i++) {
                width = layers.get(i).outputWidth(width);
            }
            if (width != inputWidth) {
                throw new InvalidSpecException("a residual block must keep its width: it takes " + inputWidth
                        + " features but its layers end with " + width);
            }
            return inputWidth;
        }
    }
}

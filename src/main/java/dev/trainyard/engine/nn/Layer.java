package dev.trainyard.engine.nn;

import java.util.List;

import dev.trainyard.engine.tensor.Tensor;

/**
 * One step of the network's forward and backward pass. A layer's parameters and gradients are
 * views into the network's two flat vectors, so an optimizer updates every layer in one pass.
 * Buffers are allocated once for the largest batch; a smaller batch uses their top rows.
 */
interface Layer {

    int inputWidth();

    /** The width of the output; most layers keep the width they are given. */
    default int outputWidth() {
        return inputWidth();
    }

    /** Trainable parameters, in the order {@link #bind} lays them out; none by default. */
    default int parameterCount() {
        return 0;
    }

    /** Takes this layer's slices of the flat parameter and gradient vectors, starting at offset. */
    default void bind(Tensor parameters, Tensor gradients, int offset, List<ParameterGroup> groups) {
    }

    /** Writes starting values into this layer's parameters. */
    default void initialize(InitContext context) {
    }

    /** Allocates the per-batch buffers. */
    void allocate(int maxBatch);

    Tensor forward(Tensor input, boolean training);

    /** Takes dLoss/dOutput, writes this layer's gradients, and returns dLoss/dInput (or null when not needed). */
    Tensor backward(Tensor outputGradient, boolean needInputGradient);

    /** Non-trainable state that a checkpoint must keep (batch-norm running statistics); none by default. */
    default List<Tensor> state() {
        return List.of();
    }
}

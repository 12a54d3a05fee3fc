package dev.trainyard.engine.nn;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.tensor.Tensor;

/** A hidden dense layer's pre-activations and activations from the last forward pass, for diagnostics. */
public record LayerActivity(String layer, Activation activation, Tensor preActivations, Tensor activations) {
}

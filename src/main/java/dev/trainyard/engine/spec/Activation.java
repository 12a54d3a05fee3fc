package dev.trainyard.engine.spec;

/**
 * Hidden-layer nonlinearities of the notes. Leaky ReLU's slope for negative inputs is the
 * layer's {@code alpha}.
 */
public enum Activation {
    /** 1 / (1 + e^-z): saturates at both ends, so deep stacks of it make gradients vanish. */
    SIGMOID,
    /** (e^z - e^-z) / (e^z + e^-z): zero-centred, still saturates. */
    TANH,
    /** max(0, z): no saturation for z > 0; units whose input stays negative die. */
    RELU,
    /** z for z > 0, alpha * z otherwise: keeps a small gradient where ReLU has none. */
    LEAKY_RELU,
    /** z: without a nonlinearity a stack of layers is one linear map. */
    LINEAR
}

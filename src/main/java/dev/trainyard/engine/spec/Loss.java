package dev.trainyard.engine.spec;

/** What training minimises; AUTO picks the loss that matches the output. */
public enum Loss {
    AUTO,
    /** -sum(y log p) over classes, p = softmax(z); its gradient is the stable p - y. */
    SOFTMAX_CROSS_ENTROPY,
    /** -(y log p + (1 - y) log(1 - p)), p = sigmoid(z); its gradient is the stable p - y. */
    BINARY_CROSS_ENTROPY,
    /** mean of (p - y)^2 over outputs. */
    MEAN_SQUARED_ERROR
}

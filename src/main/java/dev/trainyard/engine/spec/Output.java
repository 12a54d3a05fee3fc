package dev.trainyard.engine.spec;

/** The output layer's activation; AUTO picks it from the task (softmax, sigmoid or linear). */
public enum Output {
    AUTO, SOFTMAX, SIGMOID, LINEAR
}

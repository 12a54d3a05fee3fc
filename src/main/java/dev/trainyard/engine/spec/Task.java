package dev.trainyard.engine.spec;

/** What the targets are: class labels or numbers. */
public enum Task {
    CLASSIFICATION, REGRESSION
}

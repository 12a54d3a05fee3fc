package dev.trainyard.engine.data;

/** What the targets are: class labels or numbers. */
public enum Task {
    CLASSIFICATION, REGRESSION
}

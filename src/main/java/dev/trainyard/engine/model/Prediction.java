package dev.trainyard.engine.model;

import java.util.List;

/**
 * Predictions for a batch of rows: the raw outputs (class probabilities, or values for
 * regression) and, for classification, each row's most likely class.
 */
public record Prediction(double[][] outputs, int[] classes, List<String> labels) {
}

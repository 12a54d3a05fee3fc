package dev.trainyard.engine.train;

import java.util.Map;

/**
 * Metrics of a model on one split: loss, then accuracy (with a confusion matrix, rows = true
 * class, columns = predicted) for classification, or MAE, RMSE and R^2 for regression.
 */
public record Evaluation(int rows, Map<String, Double> metrics, long[][] confusion) {

    public Evaluation {
        metrics = Map.copyOf(metrics);
    }

    public double get(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric " + name + "; there are " + metrics.keySet());
        }
        return value;
    }
}

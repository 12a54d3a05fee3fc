package dev.trainyard.engine.train;

import java.util.Map;

/**
 * What one epoch measured. {@code values} holds every metric by name: train_loss, val_loss,
 * train_accuracy and val_accuracy (classification), val_mae, val_rmse and val_r2 (regression),
 * learning_rate, grad_norm (mean global gradient norm over the epoch's steps), epoch_seconds,
 * samples_per_second.
 */
public record EpochMetrics(int epoch, int steps, Map<String, Double> values) {

    public EpochMetrics {
        values = Map.copyOf(values);
    }

    public double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric " + name + " in epoch " + epoch + "; there are " + values.keySet());
        }
        return value;
    }
}

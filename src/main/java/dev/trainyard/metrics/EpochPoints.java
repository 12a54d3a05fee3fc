package dev.trainyard.metrics;

import java.util.Map;

/** The metrics of one epoch, as a worker reports them; the epoch is the step of every point. */
public record EpochPoints(int epoch, Map<String, Double> values) {

    public EpochPoints {
        values = Map.copyOf(values);
    }
}

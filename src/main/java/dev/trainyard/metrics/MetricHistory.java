package dev.trainyard.metrics;

import java.util.List;
import java.util.stream.IntStream;

/** A stretch of one metric's history. */
record MetricHistory(String name, List<Point> points) {

    record Point(int step, double value) {
    }

    static MetricHistory of(String name, JobMetrics.Points points) {
        return new MetricHistory(name, IntStream.range(0, points.size())
                .mapToObj(i -> new Point(points.steps()[i], points.values()[i])).toList());
    }
}

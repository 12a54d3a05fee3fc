package dev.trainyard.metrics;

import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stretch of one metric's history, and how many gradient steps each of its steps (epochs) took. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MetricHistory(String name,
                     @Schema(description = MetricsController.STEPS_PER_EPOCH) Integer stepsPerEpoch,
                     List<Point> points) {

    record Point(int step, double value) {
    }

    static MetricHistory of(String name, Integer stepsPerEpoch, JobMetrics.Points points) {
        return new MetricHistory(name, stepsPerEpoch, IntStream.range(0, points.size())
                .mapToObj(i -> new Point(points.steps()[i], points.values()[i])).toList());
    }
}

package dev.trainyard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class JobMetricsTest {

    private static JobMetrics.Points series(double... values) {
        return new JobMetrics.Points(IntStream.range(0, values.length).toArray(), values);
    }

    @Test
    void aShortHistoryIsReturnedAsItIs() {
        JobMetrics.Points points = series(3, 1, 2);
        assertThat(JobMetrics.downsample(points, 3)).isSameAs(points);
    }

    @Test
    void eachRunKeepsItsLowestAndHighestPointInStepOrder() {
        // two runs of four: [5, 1, 9, 4] and [2, 8, 0, 3]
        JobMetrics.Points sampled = JobMetrics.downsample(series(5, 1, 9, 4, 2, 8, 0, 3), 4);
        assertThat(sampled.steps()).containsExactly(1, 2, 5, 6);
        assertThat(sampled.values()).containsExactly(1, 9, 8, 0);
    }

    @Test
    void aLongHistoryKeepsItsExtremesAndTheLimit() {
        double[] values = IntStream.range(0, 100_000).mapToDouble(i -> Math.sin(i / 50.0) * Math.exp(-i / 40_000.0))
                .toArray();
        values[77_777] = -5;
        values[123] = 7;
        JobMetrics.Points sampled = JobMetrics.downsample(series(values), 500);
        assertThat(sampled.size()).isLessThanOrEqualTo(500).isGreaterThan(400);
        assertThat(Arrays.stream(sampled.values()).min().orElseThrow()).isEqualTo(-5);
        assertThat(Arrays.stream(sampled.values()).max().orElseThrow()).isEqualTo(7);
        assertThat(sampled.steps()).isSorted().doesNotHaveDuplicates();
    }
}

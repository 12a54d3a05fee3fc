package dev.trainyard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;


/** The range test's suggestions read off curves built by hand. */
class LearningRateRangeTest {

    @Test
    void aCurveThatTurnsUpSuggestsATenthOfItsMinimumAndOneStillFallingItsSteepestDescent() {
        // rates 1e-4 .. 1e1 by decades: flat, then falling fastest between 1e-2 and 1e-1, lowest at 1, then up
        double[] rates = {1e-4, 1e-3, 1e-2, 1e-1, 1, 10};
        double[] smoothed = {2.3, 2.29, 2.2, 1.0, 0.6, 9.0};
        LearningRateRange.Result result = LearningRateRange.suggest(rates, smoothed, smoothed, true);
        assertThat(result.steepest()).isEqualTo(1e-2);
        assertThat(result.minimumOverTen()).isCloseTo(0.1, within(1e-12));
        assertThat(result.suggested()).as("the curve turned up: a tenth of its minimum").isCloseTo(0.1, within(1e-12));
        assertThat(result.reasoning()).contains("diverged at 10");

        // still falling at the largest rate: its minimum is no guide, the steepest fall is
        double[] falling = {2.3, 2.29, 2.2, 1.0, 0.9, 0.85};
        LearningRateRange.Result open = LearningRateRange.suggest(rates, falling, falling, false);
        assertThat(open.suggested()).isEqualTo(1e-2);
    }
}

package dev.trainyard.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.trainyard.sweep.Pruner.Curve;

/** Pruning decisions on scripted objective curves (losses unless said otherwise). */
class PrunerTest {

    /** A curve whose epoch i was written at time {@code start + i}. */
    private static Curve curve(String id, boolean ended, long start, double... values) {
        return new Curve(id, ended, values, IntStream.range(0, values.length).mapToLong(i -> start + i).toArray());
    }

    private final Pruner median = new Pruner.MedianStopping(3, 3);

    private final List<Curve> ended = List.of(curve("a", true, 0, 1.0, 0.8, 0.6, 0.5), curve("b", true, 0, 1.0, 0.7, 0.5, 0.4),
            curve("c", true, 0, 1.0, 0.9, 0.7, 0.6));

    @Test
    void theMedianRuleStopsATrialWorseThanTheMedianOfEndedTrialsAtTheSameEpoch() {
        // at epoch 3 the ended trials' bests are 0.6, 0.5, 0.7: median 0.6
        assertThat(median.verdict(curve("t", false, 0, 1.0, 0.9, 0.65), ended, false)).contains("median 0.6")
                .contains("epoch 3");
        assertThat(median.verdict(curve("t", false, 0, 1.0, 0.9, 0.55), ended, false)).isNull();
        assertThat(median.verdict(curve("t", false, 0, 1.0, 0.6, 0.9), ended, false)).as("best so far counts").isNull();
    }

    @Test
    void theMedianRuleWaitsForItsMinimumEpochsAndTrials() {
        assertThat(median.verdict(curve("t", false, 0, 9.0, 9.0), ended, false)).as("only 2 epochs").isNull();
        assertThat(median.verdict(curve("t", false, 0, 9.0, 9.0, 9.0), ended.subList(0, 2), false)).isNull();
        List<Curve> running = List.of(curve("x", false, 0, 0.1, 0.1, 0.1), curve("y", false, 0, 0.1, 0.1, 0.1),
                curve("z", false, 0, 0.1, 0.1, 0.1));
        assertThat(median.verdict(curve("t", false, 0, 9.0, 9.0, 9.0), running, false)).as("only ended trials count")
                .isNull();
    }

    @Test
    void theMedianRuleMaximizesAccuracies() {
        List<Curve> accuracies = List.of(curve("a", true, 0, 0.5, 0.7, 0.8), curve("b", true, 0, 0.5, 0.8, 0.9),
                curve("c", true, 0, 0.5, 0.6, 0.7));
        assertThat(median.verdict(curve("t", false, 0, 0.5, 0.6, 0.75), accuracies, true)).isNotNull();
        assertThat(median.verdict(curve("t", false, 0, 0.5, 0.6, 0.85), accuracies, true)).isNull();
    }

    private final Pruner asha = new Pruner.SuccessiveHalving(2, 2);

    @Test
    void successiveHalvingKeepsTheTopShareOfTrialsThatReachedARungEarlier() {
        // rungs at 2 and 4 epochs; at rung 2 the earlier trials' bests are 0.5 and 0.7
        List<Curve> earlier = List.of(curve("a", false, 0, 0.9, 0.5, 0.4, 0.3), curve("b", true, 0, 0.9, 0.7));
        assertThat(asha.verdict(curve("t", false, 10, 0.9, 0.6), earlier, false)).as("ranks 2 of 3, top 1 go on")
                .contains("ranks 2 of 3");
        assertThat(asha.verdict(curve("t", false, 10, 0.9, 0.45), earlier, false)).isNull();
    }

    @Test
    void theFirstTrialAtARungAlwaysGoesOnAndLaterArrivalsDoNotChangeADecision() {
        Curve first = curve("t", false, 0, 0.9, 0.8);
        Curve later = curve("late", false, 100, 0.9, 0.1);
        assertThat(asha.verdict(first, List.of(), false)).isNull();
        assertThat(asha.verdict(first, List.of(later), false)).as("'late' reached the rung after it").isNull();
    }

    @Test
    void successiveHalvingChecksEveryRungPassed() {
        List<Curve> earlier = List.of(curve("a", false, 0, 0.9, 0.5, 0.4, 0.1), curve("b", false, 0, 0.9, 0.6, 0.5, 0.2));
        // at rung 2: 0.55 ranks 2 of 3 (top 1 go on) -> stopped there, whatever it did afterwards
        assertThat(asha.verdict(curve("t", false, 10, 0.9, 0.55, 0.0, 0.0), earlier, false)).contains("2-epoch rung");
        assertThat(new Pruner.None().verdict(curve("t", false, 0, 9.0), earlier, false)).isNull();
    }
}

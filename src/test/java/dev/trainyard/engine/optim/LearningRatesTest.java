package dev.trainyard.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.Schedule;

class LearningRatesTest {

    @Test
    void constantStaysPut() {
        assertThat(rates(new Schedule.Constant(0), 4)).containsExactly(0.1, 0.1, 0.1, 0.1);
    }

    @Test
    void stepHalvesEveryTwoEpochs() {
        assertThat(rates(new Schedule.Step(2, 0.5, 0), 6)).containsExactly(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025},
                within(1e-15));
    }

    @Test
    void exponentialMultipliesEachEpoch() {
        assertThat(rates(new Schedule.Exponential(0.9, 0), 3)).containsExactly(new double[] {0.1, 0.09, 0.081}, within(1e-15));
    }

    @Test
    void cosineGoesFromTheRateToItsFloor() {
        // 5 epochs: progress 0, 1/4, 1/2, 3/4, 1 -> (1 + cos)/2 = 1, 0.853553, 0.5, 0.146447, 0; floor 0.1 of the rate
        assertThat(rates(new Schedule.Cosine(0.1, 0), 5)).containsExactly(new double[] {0.1,
                0.1 * (0.1 + 0.9 * 0.8535533905932737), 0.1 * 0.55, 0.1 * (0.1 + 0.9 * 0.14644660940672627), 0.01},
                within(1e-15));
    }

    @Test
    void warmUpRampsLinearlyThenTheScheduleStarts() {
        // 2 warm-up epochs: lr/2, lr; then the step schedule counts from 0
        assertThat(rates(new Schedule.Step(1, 0.5, 2), 5)).containsExactly(new double[] {0.05, 0.1, 0.1, 0.05, 0.025},
                within(1e-15));
    }

    private static double[] rates(Schedule schedule, int epochs) {
        return IntStream.range(0, epochs).mapToDouble(e -> LearningRates.at(schedule, 0.1, e, epochs)).toArray();
    }
}

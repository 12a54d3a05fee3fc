package dev.trainyard.race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The race statistics against values worked by hand and a textbook example, not against the formulas' code. */
class RaceStatisticsTest {

    /**
     * Student's sleep data (Cushny and Peebles, as in Student 1908): extra hours of sleep of ten patients under two
     * drugs. R's {@code t.test(extra ~ group, data = sleep, paired = TRUE)} reports t = -4.0621, df = 9,
     * p-value = 0.002833, 95% CI -2.4598858 to -0.7001142, mean difference -1.58.
     */
    @Test
    void theSleepDataGiveStudentsPairedTest() {
        double[] drug1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double[] drug2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        RaceStatistics.Paired paired = RaceStatistics.paired(drug1, drug2);
        assertThat(paired.n()).isEqualTo(10);
        assertThat(paired.meanDifference()).isCloseTo(-1.58, within(1e-12));
        assertThat(paired.t()).isCloseTo(-4.0621, within(5e-5));
        assertThat(paired.degreesOfFreedom()).isEqualTo(9);
        assertThat(paired.pValue()).isCloseTo(0.002833, within(5e-7));
        assertThat(paired.ciLow()).isCloseTo(-2.4598858, within(5e-7));
        assertThat(paired.ciHigh()).isCloseTo(-0.7001142, within(5e-7));
        assertThat(paired.differences()).containsExactly(new double[] {-1.2, -2.4, -1.3, -1.3, 0, -1.0, -1.8, -0.8,
                -4.6, -1.4}, within(1e-12));
    }

    /**
     * Differences 1, 2, 3, 4, 5 worked by hand: mean 3, sample variance 10 / 4 = 2.5, standard error
     * sqrt(2.5 / 5) = 0.7071068, t = 3 / 0.7071068 = 4.2426407 on 4 degrees of freedom. For 4 degrees of freedom the
     * t distribution's CDF has a closed form, F(t) = 1/2 + 3/8 x (1 - t^2 / (12 (1 + t^2/4))) with
     * x = t / sqrt(1 + t^2/4): x = 4.2426407 / sqrt(5.5) = 1.8090681, 1 - 18/66 = 0.7272727, F = 0.9933822, so the
     * two-sided p-value is 2 (1 - F) = 0.0132356. The table's t(0.975, 4) = 2.7764451 gives the interval
     * 3 -+ 2.7764451 * 0.7071068 = 1.0367568 to 4.9632432.
     */
    @Test
    void fivePairsWorkedByHand() {
        RaceStatistics.Paired paired = RaceStatistics.paired(new double[] {2, 4, 6, 8, 10}, new double[] {1, 2, 3, 4, 5});
        assertThat(paired.meanDifference()).isEqualTo(3.0);
        assertThat(paired.sd()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(paired.t()).isCloseTo(4.2426407, within(1e-7));
        assertThat(paired.degreesOfFreedom()).isEqualTo(4);
        assertThat(paired.pValue()).isCloseTo(0.0132356, within(1e-7));
        assertThat(paired.ciLow()).isCloseTo(1.0367568, within(1e-6));
        assertThat(paired.ciHigh()).isCloseTo(4.9632432, within(1e-6));
    }

    @Test
    void aSummaryIsTheMeanSampleDeviationAndRange() {
        // 3, 5, 7, 9: mean 6, squared deviations 9 + 1 + 1 + 9 = 20 over 3 degrees of freedom
        RaceStatistics.Summary summary = RaceStatistics.summary(new double[] {7, 3, 9, 5});
        assertThat(summary.n()).isEqualTo(4);
        assertThat(summary.mean()).isEqualTo(6.0);
        assertThat(summary.sd()).isCloseTo(Math.sqrt(20.0 / 3), within(1e-12));
        assertThat(summary.min()).isEqualTo(3.0);
        assertThat(summary.max()).isEqualTo(9.0);
        RaceStatistics.Summary one = RaceStatistics.summary(new double[] {0.25});
        assertThat(one.sd()).as("one value has no sample deviation").isNull();
        assertThat(one.mean()).isEqualTo(0.25);
        assertThat(RaceStatistics.summary(new double[0])).isNull();
    }

    @Test
    void withoutTwoPairsOrWithoutSpreadThereIsNoTest() {
        RaceStatistics.Paired one = RaceStatistics.paired(new double[] {5}, new double[] {7});
        assertThat(one.meanDifference()).isEqualTo(-2.0);
        assertThat(one.t()).isNull();
        assertThat(one.pValue()).isNull();
        assertThat(one.ciLow()).isNull();
        RaceStatistics.Paired same = RaceStatistics.paired(new double[] {4, 6, 9}, new double[] {5, 7, 10});
        assertThat(same.meanDifference()).isEqualTo(-1.0);
        assertThat(same.sd()).isZero();
        assertThat(same.pValue()).isNull();
        assertThat(same.ciHigh()).isNull();
        assertThat(RaceStatistics.paired(new double[0], new double[0])).isNull();
        assertThatThrownBy(() -> RaceStatistics.paired(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

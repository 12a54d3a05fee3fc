package dev.trainyard.race;

import java.util.Arrays;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of a race, from Apache Commons Math: the spread of one optimizer's values over its seeds, and the
 * paired comparison of two optimizers on the seeds both have a value for (a paired t-test on the per-seed differences,
 * with its two-sided p-value and the 95% confidence interval of the mean difference). Pairing by seed takes out what
 * the seed alone decides (initial weights, batch order), so the test sees the optimizers' difference.
 */
final class RaceStatistics {

    private static final TTest T_TEST = new TTest();

    private RaceStatistics() {
    }

    /** Mean, sample standard deviation (null with one value), min and max of {@code n} values. */
    record Summary(int n, double mean, Double sd, double min, double max) {
    }

    /**
     * Per-seed differences (optimizer minus baseline) over {@code n} pairs: their mean, and from two pairs on their
     * sample standard deviation, the t statistic with n - 1 degrees of freedom, its two-sided p-value and the 95%
     * confidence interval of the mean. Differences that are all equal have no spread to test against: t, the p-value
     * and the interval are then null.
     */
    record Paired(int n, double[] differences, double meanDifference, Double sd, Double ciLow, Double ciHigh,
                  Double t, Integer degreesOfFreedom, Double pValue) {
    }

    /** The summary of {@code values}; null when there are none. */
    static Summary summary(double[] values) {
        if (values.length == 0) {
            return null;
        }
        DescriptiveStatistics stats = new DescriptiveStatistics(values);
        return new Summary(values.length, stats.getMean(), values.length < 2 ? null : stats.getStandardDeviation(),
                stats.getMin(), stats.getMax());
    }

    /** The paired comparison of {@code values} against {@code baseline}, pair by pair; null when there is no pair. */
    static Paired paired(double[] values, double[] baseline) {
        if (values.length != baseline.length) {
            throw new IllegalArgumentException("pairs need as many values as baseline values, had " + values.length
                    + " and " + baseline.length);
        }
        int n = values.length;
        if (n == 0) {
            return null;
        }
        double[] differences = new double[n];
        Arrays.setAll(differences, i -> values[i] - baseline[i]);
        DescriptiveStatistics stats = new DescriptiveStatistics(differences);
        double mean = stats.getMean();
        if (n < 2) {
            return new Paired(n, differences, mean, null, null, null, null, null, null);
        }
        double sd = stats.getStandardDeviation();
        if (sd == 0) {
            return new Paired(n, differences, mean, sd, null, null, null, n - 1, null);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new Paired(n, differences, mean, sd, mean - half, mean + half, T_TEST.pairedT(values, baseline), n - 1,
                T_TEST.pairedTTest(values, baseline));
    }
}

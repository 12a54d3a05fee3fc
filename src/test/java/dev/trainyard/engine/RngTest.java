package dev.trainyard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void isSplitMix64AsTheJdkComputesIt() {
        // java.util.SplittableRandom(seed).nextLong() is the same generator, written independently.
        SplittableRandom oracle = new SplittableRandom(42);
        Rng rng = new Rng(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(rng.nextLong()).isEqualTo(oracle.nextLong());
        }
    }

    @Test
    void doublesAreUniformInTheUnitInterval() {
        Rng rng = new Rng(7);
        double sum = 0;
        double min = 1;
        double max = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble();
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(min).isGreaterThanOrEqualTo(0);
        assertThat(max).isLessThan(1);
        assertThat(sum / n).isCloseTo(0.5, within(0.005));
    }

    @Test
    void gaussiansHaveMeanZeroAndUnitVariance() {
        Rng rng = new Rng(3);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        int beyondTwoSigma = 0;
        for (int i = 0; i < n; i++) {
            double x = rng.nextGaussian();
            sum += x;
            squares += x * x;
            beyondTwoSigma += Math.abs(x) > 2 ? 1 : 0;
        }
        assertThat(sum / n).isCloseTo(0, within(0.01));
        assertThat(squares / n).isCloseTo(1, within(0.015));
        // P(|Z| > 2) = 0.0455 for a standard normal.
        assertThat(beyondTwoSigma / (double) n).isCloseTo(0.0455, within(0.002));
    }

    @Test
    void boundedIntsHitEveryValueEvenly() {
        Rng rng = new Rng(11);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_600, 10_400);
        }
    }

    @Test
    void shuffleIsAPermutationAndDependsOnTheSeed() {
        int[] a = range(50);
        int[] b = range(50);
        new Rng(1).shuffle(a);
        new Rng(2).shuffle(b);
        assertThat(Arrays.stream(a).sorted().toArray()).isEqualTo(range(50));
        assertThat(a).isNotEqualTo(range(50)).isNotEqualTo(b);
        int[] again = range(50);
        new Rng(1).shuffle(again);
        assertThat(again).isEqualTo(a);
    }

    @Test
    void restoredStateContinuesTheSameSequence() {
        Rng rng = new Rng(5);
        rng.nextGaussian();
        Rng.State saved = rng.save();
        double[] expected = {rng.nextGaussian(), rng.nextDouble(), rng.nextGaussian()};
        Rng other = new Rng(999);
        other.restore(saved);
        assertThat(new double[] {other.nextGaussian(), other.nextDouble(), other.nextGaussian()}).isEqualTo(expected);
    }

    @Test
    void streamsForDifferentPurposesDiffer() {
        assertThat(Rng.stream(42, 1).nextLong()).isNotEqualTo(Rng.stream(42, 2).nextLong());
        assertThat(Rng.stream(42, 1).nextLong()).isEqualTo(Rng.stream(42, 1).nextLong());
    }

    private static int[] range(int n) {
        int[] values = new int[n];
        Arrays.setAll(values, i -> i);
        return values;
    }
}

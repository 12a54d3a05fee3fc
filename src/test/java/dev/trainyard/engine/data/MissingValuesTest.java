package dev.trainyard.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.MissingValues.Statistic;
import dev.trainyard.engine.spec.MissingValues.Strategy;
import dev.trainyard.engine.spec.SplitSpec;

/** Missing feature values (NaN) refused, dropped before the split, or imputed from the training split only. */
class MissingValuesTest {

    private static final double NAN = Double.NaN;

    /** Feature 0 names the row; feature 1 is 1, 3, 3, 6, 7, 10 and one missing value. */
    private static LabeledData seven() {
        double[] f1 = {1, 3, NAN, 3, 6, 7, 10};
        double[] features = new double[f1.length * 2];
        double[] y = new double[f1.length];
        for (int r = 0; r < f1.length; r++) {
            features[2 * r] = r;
            features[2 * r + 1] = f1[r];
            y[r] = r;
        }
        return new LabeledData(features, 2, null, y, 1, null, List.of("id", "x"));
    }

    private static SplitSpec allTraining(Strategy strategy, Statistic statistic, boolean indicator) {
        return new SplitSpec(0, 0, false, 1, new MissingValues(strategy, statistic, indicator));
    }

    /** Rows in the prepared order, by their id (feature 0), each with its imputed feature 1. */
    private static double imputedOfRow(Split split, int width, int id) {
        for (int r = 0; r < split.rows(); r++) {
            if (split.features()[r * width] == id) {
                return split.features()[r * width + 1];
            }
        }
        throw new AssertionError("no row " + id);
    }

    @Test
    void eachStatisticIsFittedOverThePresentValues() {
        // present: 1, 3, 3, 6, 7, 10. mean 30 / 6 = 5; median (3 + 6) / 2 = 4.5; most frequent 3
        PreparedData mean = Preparation.prepare(seven(), allTraining(Strategy.IMPUTE, Statistic.MEAN, false));
        PreparedData median = Preparation.prepare(seven(), allTraining(Strategy.IMPUTE, Statistic.MEDIAN, false));
        PreparedData frequent = Preparation.prepare(seven(), allTraining(Strategy.IMPUTE, Statistic.MOST_FREQUENT, false));
        assertThat(mean.imputer().fill()[1]).isEqualTo(5);
        assertThat(median.imputer().fill()[1]).isEqualTo(4.5);
        assertThat(frequent.imputer().fill()[1]).isEqualTo(3);
        assertThat(imputedOfRow(mean.train(), 2, 2)).isEqualTo(5);
        assertThat(imputedOfRow(median.train(), 2, 2)).isEqualTo(4.5);
        assertThat(imputedOfRow(frequent.train(), 2, 2)).isEqualTo(3);
        assertThat(imputedOfRow(mean.train(), 2, 4)).as("a present value is kept").isEqualTo(6);
        // an odd count has a middle value: 1, 3, 6 -> 3
        LabeledData three = new LabeledData(new double[] {0, 6, 1, NAN, 2, 1, 3, 3}, 2, null, new double[4], 1, null,
                null);
        assertThat(Preparation.prepare(three, allTraining(Strategy.IMPUTE, Statistic.MEDIAN, false)).imputer().fill()[1])
                .isEqualTo(3);
    }

    @Test
    void theIndicatorIsOneInputPerImputedFeatureAfterTheFeatures() {
        PreparedData data = Preparation.prepare(seven(), allTraining(Strategy.IMPUTE, Statistic.MEAN, true));
        assertThat(data.featureCount()).isEqualTo(3);
        assertThat(data.imputer().indicated()).containsExactly(false, true);
        for (int r = 0; r < data.train().rows(); r++) {
            double[] f = data.train().features();
            assertThat(f[3 * r + 2]).as("indicator of row " + f[3 * r]).isEqualTo(f[3 * r] == 2 ? 1 : 0);
        }
        // an indicator is standardized as any input: 1 of 7 rows is missing, mean 1/7
        PreparedData standardized = Preparation.prepare(seven(), new SplitSpec(0, 0, true, 1,
                new MissingValues(Strategy.IMPUTE, Statistic.MEAN, true)));
        assertThat(standardized.normalizer().mean()[2]).isCloseTo(1.0 / 7, within(1e-12));
    }

    @Test
    void droppedRowsAreLeftOutBeforeTheSplit() {
        LabeledData data = seven();
        PreparedData all = Preparation.prepare(data, allTraining(Strategy.DROP_ROWS, Statistic.MEAN, false));
        assertThat(all.train().rows()).isEqualTo(6);
        assertThat(all.imputer()).isNull();
        Set<Double> ids = new HashSet<>();
        for (int r = 0; r < 6; r++) {
            ids.add(all.train().features()[2 * r]);
        }
        assertThat(ids).containsExactlyInAnyOrder(0.0, 1.0, 3.0, 4.0, 5.0, 6.0);
        // split after dropping: 6 rows, a third each for validation and test
        PreparedData split = Preparation.prepare(data, new SplitSpec(1.0 / 3, 1.0 / 3, false, 1,
                new MissingValues(Strategy.DROP_ROWS, Statistic.MEAN, false)));
        assertThat(split.train().rows() + split.validation().rows() + split.test().rows()).isEqualTo(6);
        assertThat(split.test().rows()).isEqualTo(2);
        LabeledData empty = new LabeledData(new double[] {NAN, NAN}, 1, null, new double[2], 1, null, null);
        assertThatThrownBy(() -> Preparation.prepare(empty, allTraining(Strategy.DROP_ROWS, Statistic.MEAN, false)))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("leaves none");
    }

    /** 200 rows: feature 0 names the row, feature 1 is its square root, missing on every fifth row. */
    private static LabeledData twoHundred() {
        double[] features = new double[200 * 2];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = i % 5 == 0 ? NAN : Math.sqrt(i);
            labels.add(i % 2 == 0 ? "even" : "odd");
        }
        return LabeledData.classification(features, 2, labels);
    }

    @Test
    void theImputerIsFittedOnTrainingRowsOnly() {
        LabeledData data = twoHundred();
        MissingValues impute = new MissingValues(Strategy.IMPUTE, Statistic.MEAN, false);
        PreparedData prepared = Preparation.prepare(data, new SplitSpec(0.2, 0.1, false, 3, impute));
        Set<Integer> heldOut = new HashSet<>();
        for (Split split : List.of(prepared.validation(), prepared.test())) {
            for (int r = 0; r < split.rows(); r++) {
                heldOut.add((int) split.features()[2 * r]);
            }
        }
        assertThat(heldOut).hasSize(60);
        // the oracle: the mean of sqrt(i) over the training rows whose value is present
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 200; i++) {
            if (!heldOut.contains(i) && i % 5 != 0) {
                sum += Math.sqrt(i);
                n++;
            }
        }
        assertThat(prepared.imputer().fill()[1]).isCloseTo(sum / n, within(1e-12));
        // Make the held-out values extreme, and fill the held-out missing ones: the imputer must not move.
        double[] changed = data.features().clone();
        for (int i : heldOut) {
            changed[2 * i + 1] = 1e6;
        }
        PreparedData again = Preparation.prepare(new LabeledData(changed, 2, data.labels(), null, 1, null, null),
                new SplitSpec(0.2, 0.1, false, 3, impute));
        assertThat(again.imputer()).isEqualTo(prepared.imputer());
        // and the held-out missing cells were filled with the training statistic
        Split test = prepared.test();
        for (int r = 0; r < test.rows(); r++) {
            if ((int) test.features()[2 * r] % 5 == 0) {
                assertThat(test.features()[2 * r + 1]).isCloseTo(sum / n, within(1e-12));
            }
        }
        assertThat(Arrays.stream(prepared.train().features()).allMatch(Double::isFinite)).isTrue();
    }
}

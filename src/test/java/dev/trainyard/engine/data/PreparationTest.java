package dev.trainyard.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.DatasetFit;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Task;

class PreparationTest {

    /** 200 rows: feature 0 is the row number (to identify rows), feature 1 is constant; classes 60/140. */
    private static LabeledData imbalanced() {
        double[] features = new double[200 * 2];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = 5;
            labels.add(i < 60 ? "rare" : "common");
        }
        return LabeledData.classification(features, 2, labels);
    }

    @Test
    void theSizesSubmissionComputesFromTheClassBalanceAreTheSplitsPrepared() {
        for (double[] fractions : new double[][] {{0.2, 0.1}, {0.15, 0.15}, {0.25, 0.25}, {0.33, 0.17}, {0, 0.5}}) {
            SplitSpec split = new SplitSpec(fractions[0], fractions[1], false, 3);
            PreparedData data = Preparation.prepare(imbalanced(), split);
            SplitSpec.Sizes sizes = DatasetFit.sizes(split, new DatasetFit.Profile(Task.CLASSIFICATION, 200,
                    Map.of("rare", 60L, "common", 140L), false));
            assertThat(new int[] {sizes.train(), sizes.validation(), sizes.test()}).as("%s", split)
                    .containsExactly(data.train().rows(), data.validation().rows(), data.test().rows());
        }
        double[] x = new double[37];
        Arrays.setAll(x, i -> i);
        SplitSpec split = new SplitSpec(0.15, 0.15, false, 5);
        PreparedData regression = Preparation.prepare(LabeledData.regression(x, 1, x.clone()), split);
        assertThat(DatasetFit.sizes(split, new DatasetFit.Profile(Task.REGRESSION, 37, Map.of(), false)).train())
                .isEqualTo(regression.train().rows());
    }

    @Test
    void splitsAreDisjointCompleteAndStratified() {
        PreparedData data = Preparation.prepare(imbalanced(), new SplitSpec(0.2, 0.1, false, 3));
        assertThat(data.classNames()).containsExactly("common", "rare");
        assertThat(data.train().rows()).isEqualTo(140);
        assertThat(data.validation().rows()).isEqualTo(40);
        assertThat(data.test().rows()).isEqualTo(20);

        Set<Double> seen = new HashSet<>();
        for (Split split : List.of(data.train(), data.validation(), data.test())) {
            for (int r = 0; r < split.rows(); r++) {
                assertThat(seen.add(split.features()[2 * r])).as("row used twice").isTrue();
            }
        }
        assertThat(seen).hasSize(200);
        // 30% rare everywhere: 42 of 140, 12 of 40, 6 of 20
        assertThat(count(data.train(), 1)).isEqualTo(42);
        assertThat(count(data.validation(), 1)).isEqualTo(12);
        assertThat(count(data.test(), 1)).isEqualTo(6);
        for (Split split : List.of(data.train(), data.validation(), data.test())) {
            for (int r = 0; r < split.rows(); r++) {
                boolean rare = split.features()[2 * r] < 60;
                assertThat(split.labels()[r]).isEqualTo(rare ? 1 : 0);
            }
        }
    }

    @Test
    void theSeedDecidesTheSplit() {
        double[] first = Preparation.prepare(imbalanced(), new SplitSpec(0.2, 0.1, false, 3)).test().features();
        double[] again = Preparation.prepare(imbalanced(), new SplitSpec(0.2, 0.1, false, 3)).test().features();
        double[] other = Preparation.prepare(imbalanced(), new SplitSpec(0.2, 0.1, false, 4)).test().features();
        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void standardizationIsFittedOnTrainingRowsOnly() {
        LabeledData data = imbalanced();
        PreparedData prepared = Preparation.prepare(data, new SplitSpec(0.2, 0.1, true, 3));
        // Make the held-out rows extreme: the normalizer must not move.
        double[] changed = data.features().clone();
        Set<Double> heldOut = new HashSet<>();
        for (Split split : List.of(prepared.validation(), prepared.test())) {
            for (int r = 0; r < split.rows(); r++) {
                heldOut.add(split.features()[2 * r] * prepared.normalizer().scale()[0] + prepared.normalizer().mean()[0]);
            }
        }
        for (int i = 0; i < 200; i++) {
            double row = i;
            if (heldOut.stream().anyMatch(v -> Math.abs(v - row) < 1e-6)) {
                changed[2 * i] = 1e6;
            }
        }
        assertThat(Arrays.stream(changed).filter(v -> v == 1e6).count()).as("held-out rows changed").isEqualTo(60);
        PreparedData again = Preparation.prepare(new LabeledData(changed, 2, data.labels(), null, 1, null, null),
                new SplitSpec(0.2, 0.1, true, 3));
        assertThat(again.normalizer()).isEqualTo(prepared.normalizer());

        double[] train = prepared.train().features();
        double mean = 0;
        double squares = 0;
        for (int r = 0; r < prepared.train().rows(); r++) {
            mean += train[2 * r] / prepared.train().rows();
        }
        for (int r = 0; r < prepared.train().rows(); r++) {
            squares += (train[2 * r] - mean) * (train[2 * r] - mean) / prepared.train().rows();
        }
        assertThat(mean).isCloseTo(0, within(1e-12));
        assertThat(squares).isCloseTo(1, within(1e-12));
        // a constant feature keeps scale 1 and becomes 0
        assertThat(prepared.normalizer().scale()[1]).isEqualTo(1);
        assertThat(train[1]).isZero();
    }

    @Test
    void aStandardizedTargetIsFittedOnTrainingRowsOnly() {
        // y = 10 x + 1000 over x = 0..99: the training rows' mean and population std standardize every split
        double[] x = new double[100];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            y[i] = 10 * i + 1000;
        }
        PreparedData data = Preparation.prepare(LabeledData.regression(x, 1, y), new SplitSpec(0.2, 0.2, false, 5));
        Split train = data.train();
        double mean = 0;
        for (int r = 0; r < train.rows(); r++) {
            mean += (10 * train.features()[r] + 1000) / train.rows();
        }
        double squares = 0;
        for (int r = 0; r < train.rows(); r++) {
            squares += Math.pow(10 * train.features()[r] + 1000 - mean, 2) / train.rows();
        }
        assertThat(data.target().mean()[0]).isCloseTo(mean, within(1e-9));
        assertThat(data.target().scale()[0]).isCloseTo(Math.sqrt(squares), within(1e-9));
        for (Split split : List.of(data.train(), data.test())) {
            for (int r = 0; r < split.rows(); r++) {
                assertThat(split.values()[r]).isCloseTo((10 * split.features()[r] + 1000 - mean) / Math.sqrt(squares),
                        within(1e-9));
            }
        }
        // making the held-out targets extreme does not move it
        double[] changed = y.clone();
        for (Split split : List.of(data.validation(), data.test())) {
            for (int r = 0; r < split.rows(); r++) {
                changed[(int) split.features()[r]] = 1e9;
            }
        }
        assertThat(Preparation.prepare(LabeledData.regression(x, 1, changed), new SplitSpec(0.2, 0.2, false, 5)).target())
                .isEqualTo(data.target());
        assertThat(Preparation.prepare(imbalanced(), new SplitSpec(0.2, 0.1, false, 3)).target())
                .as("classification ignores it").isNull();
    }

    @Test
    void regressionSplitsKeepTargetsWithTheirRows() {
        LabeledData sine = Generators.sine(100, 0, 1);
        PreparedData data = Preparation.prepare(sine, new SplitSpec(0.1, 0.1, false, 2, MissingValues.DEFAULT, false));
        assertThat(data.target()).isNull();
        assertThat(data.task()).isEqualTo(Task.REGRESSION);
        assertThat(data.train().rows() + data.validation().rows() + data.test().rows()).isEqualTo(100);
        for (int r = 0; r < data.test().rows(); r++) {
            assertThat(data.test().values()[r]).isCloseTo(Math.sin(data.test().features()[r]), within(1e-12));
        }
    }

    @Test
    void splitsMustLeaveRoomForTraining() {
        assertThatThrownBy(() -> new SplitSpec(0.5, 0.45, true, 1)).hasMessageContaining("at least 10% for training");
        assertThatThrownBy(() -> new SplitSpec(-0.1, 0.1, true, 1)).hasMessageContaining("dataset.validationSplit");
    }

    private static long count(Split split, int label) {
        return Arrays.stream(split.labels()).filter(l -> l == label).count();
    }
}

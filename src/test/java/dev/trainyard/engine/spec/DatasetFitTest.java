package dev.trainyard.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a spec needs of its dataset, found from the dataset's profile before training. */
class DatasetFitTest {

    private static final DatasetFit.Profile REGRESSION = new DatasetFit.Profile(Task.REGRESSION, 400, Map.of(), false);
    private static final DatasetFit.Profile THREE_CLASSES = new DatasetFit.Profile(Task.CLASSIFICATION, 150,
            Map.of("a", 50L, "b", 50L, "c", 50L), false);
    private static final DatasetFit.Profile TWO_CLASSES = new DatasetFit.Profile(Task.CLASSIFICATION, 100,
            Map.of("yes", 50L, "no", 50L), false);
    private static final ModelSpec AUTO = Specs.model(LayerSpec.Dense.of(8, Activation.RELU)).build();

    private static DatasetFit.Report check(SplitSpec split, ModelSpec model, TrainingSpec training,
            DatasetFit.Profile dataset) {
        return DatasetFit.check(split, model, training, dataset);
    }

    private static DatasetFit.Report check(ModelSpec model, TrainingSpec training, DatasetFit.Profile dataset) {
        return check(SplitSpec.DEFAULT, model, training, dataset);
    }

    private static List<String> fields(List<FitNote> findings) {
        return findings.stream().map(FitNote::field).toList();
    }

    @Test
    void aMonitorTheDatasetDoesNotReportIsAnErrorNamingWhatItReports() {
        TrainingSpec accuracy = Specs.training(5).earlyStopping(new EarlyStopping("val_accuracy", 3, 0, true)).build();
        DatasetFit.Report regression = check(AUTO, accuracy, REGRESSION);
        assertThat(fields(regression.errors())).containsExactly("training.earlyStopping.monitor");
        assertThat(regression.errors().get(0).message()).contains("val_rmse", "'val_accuracy'", "regression")
                .doesNotContain("train_accuracy");
        assertThat(check(AUTO, accuracy, THREE_CLASSES).errors()).isEmpty();

        TrainingSpec loss = Specs.training(5).earlyStopping(EarlyStopping.DEFAULT).build();
        DatasetFit.Report noValidation = check(new SplitSpec(0, 0.2, true, 7), AUTO, loss, THREE_CLASSES);
        assertThat(fields(noValidation.errors())).containsExactly("training.earlyStopping.monitor");
        assertThat(noValidation.errors().get(0).message()).contains("dataset.validationSplit above 0", "train_loss")
                .doesNotContain("val_accuracy,");
    }

    @Test
    void theMonitorListIsTheOneTheTrainerReports() {
        assertThat(EarlyStopping.reported(Task.CLASSIFICATION, true)).containsExactly("train_loss", "learning_rate",
                "grad_norm", "train_accuracy", "val_loss", "val_accuracy");
        assertThat(EarlyStopping.reported(Task.REGRESSION, false)).containsExactly("train_loss", "learning_rate",
                "grad_norm");
        assertThat(EarlyStopping.METRICS).containsAll(EarlyStopping.reported(Task.REGRESSION, true))
                .containsAll(EarlyStopping.reported(Task.CLASSIFICATION, true));
    }

    @Test
    void classProbabilitiesOnARegressionAreErrorsInTheNamesASpecWrites() {
        DatasetFit.Report softmax = check(Specs.model().output(Output.SOFTMAX).build(), Specs.training(5).build(),
                REGRESSION);
        assertThat(fields(softmax.errors())).containsExactly("model.output");
        assertThat(softmax.errors().get(0).message()).contains("softmax", "linear").doesNotContain("SOFTMAX");

        DatasetFit.Report crossEntropy = check(Specs.model().loss(Loss.SOFTMAX_CROSS_ENTROPY).build(),
                Specs.training(5).build(), REGRESSION);
        assertThat(fields(crossEntropy.errors())).containsExactly("model.loss");
        assertThat(crossEntropy.errors().get(0).message()).contains("softmax_cross_entropy", "mean_squared_error")
                .doesNotContain("SOFTMAX_CROSS_ENTROPY");
    }

    @Test
    void aSigmoidDecidesBetweenTwoClassesOnly() {
        ModelSpec sigmoid = Specs.model().output(Output.SIGMOID).build();
        DatasetFit.Report three = check(sigmoid, Specs.training(5).build(), THREE_CLASSES);
        assertThat(fields(three.errors())).containsExactly("model.output");
        assertThat(three.errors().get(0).message()).contains("3 classes", "softmax");
        assertThat(check(sigmoid, Specs.training(5).build(), TWO_CLASSES).errors()).isEmpty();
        assertThat(fields(check(Specs.model().loss(Loss.BINARY_CROSS_ENTROPY).build(), Specs.training(5).build(),
                THREE_CLASSES).errors())).containsExactly("model.loss");
    }

    @Test
    void theTrainerRefusesTheSameMisfitsAsSubmission() {
        ModelSpec sigmoid = Specs.model().output(Output.SIGMOID).build();
        assertThatThrownBy(() -> sigmoid.lossFor(Task.CLASSIFICATION, 3)).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("model.output must be softmax");
        assertThat(AUTO.lossFor(Task.CLASSIFICATION, 2)).isEqualTo(Loss.BINARY_CROSS_ENTROPY);
        assertThat(AUTO.lossFor(Task.CLASSIFICATION, 3)).isEqualTo(Loss.SOFTMAX_CROSS_ENTROPY);
        assertThat(AUTO.lossFor(Task.REGRESSION, 0)).isEqualTo(Loss.MEAN_SQUARED_ERROR);
    }

    @Test
    void imageAugmentationOnATabularDatasetIsAnError() {
        TrainingSpec images = Specs.training(5).augmentation(new Augmentation(0, new Augmentation.Image(1, false, 0,
                0))).build();
        DatasetFit.Report tabular = check(AUTO, images, THREE_CLASSES);
        assertThat(fields(tabular.errors())).containsExactly("training.augmentation.image");
        assertThat(tabular.errors().get(0).message()).contains("gaussianNoise", "builtin:digits");
        assertThat(check(AUTO, images, new DatasetFit.Profile(Task.CLASSIFICATION, 150, THREE_CLASSES.classRows(),
                true)).errors()).isEmpty();
    }

    @Test
    void aClassTheSplitLeavesOutOfTrainingIsAnErrorNamingIt() {
        DatasetFit.Profile rare = new DatasetFit.Profile(Task.CLASSIFICATION, 102, Map.of("a", 50L, "b", 50L,
                "rare", 2L), false);
        // 2 rows: round(2 * 0.25) = 1 to test, round(2 * 0.25) = 1 to validation, 0 to train
        DatasetFit.Report starved = check(new SplitSpec(0.25, 0.25, true, 7), AUTO, Specs.training(5).build(), rare);
        assertThat(fields(starved.errors())).containsExactly("dataset.validationSplit");
        assertThat(starved.errors().get(0).message()).contains("'rare' (2 rows: 1 to validation, 1 to test)",
                "Lower dataset.validationSplit or dataset.testSplit").doesNotContain("'a'");
        // 0.2: round(0.4) = 0, so the class keeps both rows for training
        assertThat(check(new SplitSpec(0.2, 0.2, true, 7), AUTO, Specs.training(5).build(), rare).errors()).isEmpty();
        DatasetFit.Report byTest = check(new SplitSpec(0, 0.5, true, 7), AUTO, Specs.training(5).build(),
                new DatasetFit.Profile(Task.CLASSIFICATION, 51, Map.of("a", 50L, "single", 1L), false));
        assertThat(fields(byTest.errors())).containsExactly("dataset.testSplit");
    }

    @Test
    void aClassDropRowsMayLeaveOutOfTrainingIsAWarningNamingIt() {
        SplitSpec quarters = new SplitSpec(0.25, 0.25, true, 7);
        Map<String, Long> classes = Map.of("a", 50L, "b", 50L, "rare", 3L);
        // 3 rows keep 1 for training; 2 rows would go 1 to validation and 1 to test
        DatasetFit.Report dropping = check(quarters, AUTO, Specs.training(5).build(),
                new DatasetFit.Profile(Task.CLASSIFICATION, 103, classes, false, 1));
        assertThat(dropping.errors()).isEmpty();
        assertThat(fields(dropping.warnings())).containsExactly("dataset.validationSplit");
        assertThat(dropping.warnings().get(0).message()).contains("may leave class(es) 'rare' (3 rows; with 2 left",
                "drop_rows", "impute").doesNotContain("'a'");
        assertThat(check(quarters, AUTO, Specs.training(5).build(),
                new DatasetFit.Profile(Task.CLASSIFICATION, 103, classes, false)).warnings()).isEmpty();
    }

    @Test
    void meanSquaredErrorOnClassesAndABatchLargerThanTheSplitAreWarnings() {
        DatasetFit.Report mse = check(Specs.model().loss(Loss.MEAN_SQUARED_ERROR).build(), Specs.training(5).build(),
                THREE_CLASSES);
        assertThat(mse.errors()).isEmpty();
        assertThat(fields(mse.warnings())).containsExactly("model.loss");
        assertThat(mse.warnings().get(0).message()).contains("mean_squared_error", "softmax");
        assertThat(fields(check(Specs.model().output(Output.LINEAR).build(), Specs.training(5).build(), THREE_CLASSES)
                .warnings())).containsExactly("model.output");

        // 150 rows, 0.15 / 0.15 per class of 50: 8 + 8 held out, 34 train, 102 in all
        DatasetFit.Report big = check(AUTO, Specs.training(5).batch(Batch.of(500)).build(), THREE_CLASSES);
        assertThat(big.trainRows()).isEqualTo(102);
        assertThat(fields(big.warnings())).containsExactly("training.batch.size");
        assertThat(big.warnings().get(0).message()).contains("102 rows", "whole split");
        assertThat(big.stepsPerEpoch()).isEqualTo(1);
        assertThat(check(AUTO, Specs.training(5).batch(Batch.of(102)).build(), THREE_CLASSES).warnings()).isEmpty();
    }

    @Test
    void stepsPerEpochFollowTheBatchMode() {
        assertThat(check(AUTO, Specs.training(5).batch(Batch.full()).build(), THREE_CLASSES).stepsPerEpoch()).isOne();
        assertThat(check(AUTO, Specs.training(5).batch(Batch.of(32)).build(), THREE_CLASSES).stepsPerEpoch())
                .isEqualTo(4); // ceil(102 / 32)
        assertThat(check(AUTO, Specs.training(5).batch(Batch.stochastic()).build(), THREE_CLASSES).stepsPerEpoch())
                .isEqualTo(102);
        assertThat(Batch.of(32).stepsPerEpoch(0)).isZero();
    }

    @Test
    void everyErrorIsFoundAtOnce() {
        TrainingSpec training = Specs.training(5).earlyStopping(new EarlyStopping("val_accuracy", 3, 0, true))
                .augmentation(new Augmentation(0, new Augmentation.Image(0, true, 0, 0))).build();
        DatasetFit.Report all = check(Specs.model().output(Output.SOFTMAX).build(), training, REGRESSION);
        assertThat(fields(all.errors())).containsExactlyInAnyOrder("model.output", "training.earlyStopping.monitor",
                "training.augmentation.image");
    }
}

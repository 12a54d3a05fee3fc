package dev.trainyard.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.TrainingSpec;

/**
 * The rules on histories built by hand to show one failure each, far from the thresholds, and on a healthy one: the
 * oracle is the scenario each history was built to be, not the rules' formulas.
 */
class DiagnosticsTest {

    private static final int EPOCHS = 12;
    private static final long[] BALANCED = {100, 100, 100};

    @Test
    void aHealthyRunHasNoFinding() {
        History history = healthy(relu(3)).build();
        assertThat(Diagnostics.diagnose(history, facts(relu(3), sgd(0.1)), Thresholds.DEFAULT)).isEmpty();
    }

    @Test
    void gradientsShrinkingTowardsTheInputAreVanishingOnTheStarvedLayers() {
        ModelSpec model = layers(Activation.SIGMOID, 4);
        History.Builder h = healthy(model);
        double[] byLayer = {1e-7, 1e-6, 1e-5, 1e-2};
        for (int e = 0; e < EPOCHS; e++) {
            for (int l = 0; l < 4; l++) {
                h.add("layer" + l + ".grad_norm", e, byLayer[l]);
            }
            h.add("output.grad_norm", e, 1);
            h.add("train_loss", e, 1.0986 - 1e-4 * e); // at chance, flat
        }
        Finding finding = only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT),
                Rule.VANISHING_GRADIENTS);
        assertThat(finding.layers()).containsExactly("layer0", "layer1", "layer2");
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.changes()).contains(new Change("model.layers[0].activation", "relu"),
                new Change("model.layers[0].init", "he"), new Change("model.layers[3].activation", "relu"));
        assertThat(finding.evidence()).containsEntry("vanishingRatio", 1e-3);
    }

    @Test
    void aThresholdOfTheJobSilencesARule() {
        ModelSpec model = layers(Activation.SIGMOID, 2);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("layer0.grad_norm", e, 1e-6).add("layer1.grad_norm", e, 1e-5).add("output.grad_norm", e, 1);
        }
        assertThat(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT))
                .extracting(Finding::rule).contains(Rule.VANISHING_GRADIENTS);
        assertThat(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)),
                Thresholds.DEFAULT.with(Map.of("vanishingRatio", 1e-9)))).extracting(Finding::rule)
                .doesNotContain(Rule.VANISHING_GRADIENTS);
    }

    @Test
    void unitsThatDieHalfwayAreDeadFromThatEpochOnTheirLayerOnly() {
        ModelSpec model = relu(3);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("layer1.dead_fraction", e, e < 5 ? 0.05 : 0.95);
        }
        Finding finding = only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT),
                Rule.DEAD_RELU);
        assertThat(finding.layers()).containsExactly("layer1");
        assertThat(finding.fromEpoch()).isEqualTo(5);
        assertThat(finding.toEpoch()).isEqualTo(EPOCHS - 1);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.changes()).contains(new Change("model.layers[1].activation", "leaky_relu"));
    }

    @Test
    void unitsThatStayedIdenticalUnderAZeroInitAreSymmetricAndExplainTheStall() {
        ModelSpec model = Specs.model(new LayerSpec.Dense(16, Activation.TANH, 0.01, new Init.Zeros())).build();
        History.Builder h = History.builder();
        for (int e = 0; e < EPOCHS; e++) {
            h.add("train_loss", e, 1.0986).add("layer0.unit_spread", e, 0).add("layer0.weight_norm", e, 0.3)
                    .add("layer0.update_ratio", e, 0).add("layer0.grad_norm", e, 0.01).add("output.grad_norm", e, 0.5)
                    .add("grad_norm", e, 0.5);
        }
        List<Finding> findings = Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT);
        Finding finding = only(findings, Rule.SYMMETRIC_INITIALIZATION);
        assertThat(finding.layers()).containsExactly("layer0");
        assertThat(finding.changes()).containsExactly(new Change("model.layers[0].init", "xavier"));
        assertThat(findings).extracting(Finding::rule).doesNotContain(Rule.STALLED_TRAINING,
                Rule.LEARNING_RATE_TOO_SMALL);
    }

    @Test
    void tinyUpdatesAndALossThatBarelyMovesAreATooSmallLearningRateWithAFactorBack() {
        ModelSpec model = relu(1);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("layer0.update_ratio", e, 1e-7).add("train_loss", e, 2.30 - 1e-4 * e);
        }
        Finding finding = only(Diagnostics.diagnose(h.build(), facts(model, sgd(1e-5)), Thresholds.DEFAULT),
                Rule.LEARNING_RATE_TOO_SMALL);
        assertThat(finding.changes()).containsExactly(new Change("training.optimizer.learningRate", 0.01));
    }

    @Test
    void aRunThatDivergedBeforeItsFirstEpochEndedHadTooLargeALearningRate() {
        Facts diverged = new Facts(relu(1), sgd(50), SplitSpec.DEFAULT, Task.CLASSIFICATION, BALANCED, null,
                "loss exploded to 1444 at epoch 0 step 1");
        Finding finding = only(Diagnostics.diagnose(History.builder().build(), diverged, Thresholds.DEFAULT),
                Rule.LEARNING_RATE_TOO_LARGE);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.changes()).containsExactly(new Change("training.optimizer.learningRate", 5.0));
    }

    @Test
    void aValidationLossRisingWhileTheTrainingLossFallsIsOverfittingFromItsBestEpoch() {
        ModelSpec model = relu(2);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("val_loss", e, e <= 4 ? 1.0 - 0.15 * e : 0.4 + 0.1 * (e - 4));
        }
        Finding finding = only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT),
                Rule.OVERFITTING);
        assertThat(finding.fromEpoch()).isEqualTo(4);
        assertThat(finding.toEpoch()).isEqualTo(EPOCHS - 1);
        assertThat(finding.changes()).extracting(Change::path).contains("training.earlyStopping",
                "training.regularization.l2");
        assertThat(finding.severity()).as("no accuracy to say otherwise").isEqualTo(Severity.WARNING);

        for (int e = 0; e < EPOCHS; e++) {
            h.add("val_accuracy", e, e <= 4 ? 0.8 : 0.9);
        }
        assertThat(only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT), Rule.OVERFITTING)
                .severity()).as("more confident, no less accurate").isEqualTo(Severity.INFO);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("val_accuracy", e, e <= 4 ? 0.9 : 0.85);
        }
        assertThat(only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT), Rule.OVERFITTING)
                .severity()).as("less accurate").isEqualTo(Severity.WARNING);
    }

    @Test
    void aRareClassIsAnImbalanceWhateverTheHistory() {
        Facts imbalanced = new Facts(relu(1), sgd(0.1), SplitSpec.DEFAULT, Task.CLASSIFICATION, new long[] {500, 20},
                null, null);
        Finding finding = only(Diagnostics.diagnose(healthy(relu(1)).build(), imbalanced, Thresholds.DEFAULT),
                Rule.CLASS_IMBALANCE);
        assertThat(finding.evidence()).containsEntry("largestClass", 500L).containsEntry("smallestClass", 20L);
    }

    @Test
    void aFlatLossAtChanceWithANearZeroGradientIsAPlateauNotAStall() {
        ModelSpec model = layers(Activation.LINEAR, 3);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("train_loss", e, 1.0986).add("grad_norm", e, 1e-4); // started on the saddle and stayed
        }
        List<Finding> findings = Diagnostics.diagnose(h.build(), facts(model, sgd(0.05)), Thresholds.DEFAULT);
        Finding finding = only(findings, Rule.PLATEAU);
        assertThat(finding.fromEpoch()).isEqualTo(EPOCHS - 6);
        assertThat(finding.changes()).containsExactly(new Change("training.optimizer", Map.of("type", "momentum",
                "learningRate", 0.05, "beta", 0.9)));
        assertThat(findings).extracting(Finding::rule).doesNotContain(Rule.STALLED_TRAINING, Rule.UNDERFITTING);
    }

    @Test
    void aFlatLossAtChanceWithAGradientOfNormalSizeIsAStallAndAdamIsSuggested() {
        ModelSpec model = relu(2);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("train_loss", e, 1.0986 - 1e-4 * e).add("grad_norm", e, 0.5);
        }
        List<Finding> findings = Diagnostics.diagnose(h.build(), facts(model, sgd(0.05)), Thresholds.DEFAULT);
        assertThat(only(findings, Rule.STALLED_TRAINING).changes()).containsExactly(new Change("training.optimizer",
                Map.of("type", "adam", "learningRate", 0.001)));
        assertThat(findings).extracting(Finding::rule).doesNotContain(Rule.PLATEAU, Rule.UNDERFITTING);
    }

    @Test
    void aStepGradientNormFiftyTimesTheMedianIsAnExplodingGradientAtThatEpoch() {
        ModelSpec model = relu(2);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("grad_norm", e, 1).add("grad_norm_max", e, e == 7 ? 50 : 3); // the epoch's mean hides it
        }
        Finding finding = only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT),
                Rule.EXPLODING_GRADIENTS);
        assertThat(finding.fromEpoch()).isEqualTo(7);
        assertThat(finding.toEpoch()).isEqualTo(7);
        assertThat(finding.changes()).containsExactly(new Change("training.gradientClipNorm", 1.0));
        for (int e = 0; e < EPOCHS; e++) {
            h.add("grad_norm_max", e, 25); // one-row steps: every epoch's largest is far above the mean, none a spike
        }
        assertThat(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT)).isEmpty();
    }

    @Test
    void aTanhLayerPinnedToItsBoundsIsSaturatedAndOnlyThatLayer() {
        ModelSpec model = layers(Activation.TANH, 2);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("layer0.saturated_fraction", e, 0.7).add("layer1.saturated_fraction", e, 0.1);
        }
        Finding finding = only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT),
                Rule.SATURATED_UNITS);
        assertThat(finding.layers()).containsExactly("layer0");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.changes()).containsExactly(new Change("model.layers[0].activation", "relu"),
                new Change("model.layers[0].init", "he"));
    }

    @Test
    void aSignalThatShrinksAThousandfoldThroughATooSmallInitIsAnInitializationScaleFinding() {
        ModelSpec model = Specs.model(new LayerSpec.Dense(32, Activation.RELU, 0.01, new Init.Normal(0.001)),
                LayerSpec.Dense.of(32, Activation.RELU)).build();
        History.Builder h = healthy(model).add("layer0.preact_variance", 0, 1e-3).add("layer1.preact_variance", 0, 1e-3);
        Finding finding = only(Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT),
                Rule.INITIALIZATION_SCALE);
        assertThat(finding.layers()).containsExactly("layer0", "layer1");
        assertThat(finding.changes()).contains(new Change("model.layers[0].init", "he"));
    }

    @Test
    void unstandardizedFeaturesWhoseRangesDifferTenThousandfoldAreUnscaled() {
        SplitSpec raw = new SplitSpec(0.15, 0.15, false, 7, dev.trainyard.engine.spec.MissingValues.DEFAULT, true);
        Facts facts = new Facts(relu(1), sgd(0.1), raw, Task.CLASSIFICATION, BALANCED, new double[] {0.1, 1, 1500},
                null);
        Finding finding = only(Diagnostics.diagnose(healthy(relu(1)).build(), facts, Thresholds.DEFAULT),
                Rule.UNSCALED_FEATURES);
        assertThat(finding.changes()).containsExactly(new Change("dataset.standardize", true));
        Facts standardized = new Facts(relu(1), sgd(0.1), SplitSpec.DEFAULT, Task.CLASSIFICATION, BALANCED,
                new double[] {0.1, 1, 1500}, null);
        assertThat(Diagnostics.diagnose(healthy(relu(1)).build(), standardized, Thresholds.DEFAULT)).isEmpty();
    }

    @Test
    void aLinearNetworkStuckAtChanceUnderfitsRatherThanStallsAndIsGivenANonlinearity() {
        ModelSpec model = layers(Activation.LINEAR, 1);
        History.Builder h = healthy(model);
        for (int e = 0; e < EPOCHS; e++) {
            h.add("train_loss", e, 1.09).add("grad_norm", e, 0.3); // as XOR is for a linear model
        }
        List<Finding> findings = Diagnostics.diagnose(h.build(), facts(model, sgd(0.1)), Thresholds.DEFAULT);
        assertThat(only(findings, Rule.UNDERFITTING).changes()).containsExactly(
                new Change("model.layers[0].activation", "relu"), new Change("model.layers[0].init", "he"));
        assertThat(findings).extracting(Finding::rule).doesNotContain(Rule.STALLED_TRAINING);
    }

    @Test
    void unknownThresholdsAndValuesThatAreNotPositiveAreRefused() {
        assertThat(Thresholds.problem("vanishingRatio", 1e-4)).isNull();
        assertThat(Thresholds.problem("vanishingRatios", 1e-4)).contains("not a diagnostics threshold");
        assertThat(Thresholds.problem("deadFraction", 0.0)).contains("above 0");
        assertThatThrownBy(() -> Thresholds.DEFAULT.with(Map.of("nope", 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A run that learns: the loss falls steadily, gradients flow evenly, steps are about 1e-3 of the weights. */
    private static History.Builder healthy(ModelSpec model) {
        History.Builder h = History.builder();
        int layers = model.layers().size();
        for (int e = 0; e < EPOCHS; e++) {
            h.add("train_loss", e, 1.0 / (1 + e)).add("val_loss", e, 1.1 / (1 + e)).add("grad_norm", e, 1.0 / (1 + e));
            h.add("output.grad_norm", e, 0.5);
            for (int l = 0; l < layers; l++) {
                h.add("layer" + l + ".grad_norm", e, 0.3).add("layer" + l + ".update_ratio", e, 1e-3)
                        .add("layer" + l + ".weight_norm", e, 3).add("layer" + l + ".unit_spread", e, 0.5)
                        .add("layer" + l + ".dead_fraction", e, 0.1);
            }
        }
        h.add("input.variance", 0, 1);
        for (int l = 0; l < layers; l++) {
            h.add("layer" + l + ".preact_variance", 0, 1);
        }
        return h;
    }

    private static Finding only(List<Finding> findings, Rule rule) {
        List<Finding> of = findings.stream().filter(f -> f.rule() == rule).toList();
        assertThat(of).as("findings of %s in %s", rule, findings).hasSize(1);
        return of.get(0);
    }

    private static Facts facts(ModelSpec model, TrainingSpec training) {
        return new Facts(model, training, SplitSpec.DEFAULT, Task.CLASSIFICATION, BALANCED, null, null);
    }

    private static ModelSpec relu(int layers) {
        return layers(Activation.RELU, layers);
    }

    private static ModelSpec layers(Activation activation, int count) {
        LayerSpec[] layers = new LayerSpec[count];
        for (int i = 0; i < count; i++) {
            layers[i] = LayerSpec.Dense.of(32, activation);
        }
        return Specs.model(layers).build();
    }

    private static TrainingSpec sgd(double learningRate) {
        return Specs.training(EPOCHS).optimizer(new OptimizerSpec.Sgd(learningRate)).build();
    }
}

package dev.trainyard.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SpecValidationTest {

    @Test
    void rejectsNegativeLearningRateNamingTheValue() {
        assertThatThrownBy(() -> new OptimizerSpec.Sgd(-0.1))
                .isInstanceOf(InvalidSpecException.class).hasMessage("learningRate must be > 0, was -0.1");
        assertThatThrownBy(() -> OptimizerSpec.Adam.defaults(Double.NaN)).hasMessage("learningRate must be > 0, was NaN");
    }

    @Test
    void rejectsDecayRatesOutsideTheirInterval() {
        assertThatThrownBy(() -> new OptimizerSpec.Adam(0.001, 0.9, 1.0, 1e-8)).hasMessage("beta2 must be > 0 and < 1, was 1.0");
        assertThatThrownBy(() -> new OptimizerSpec.Momentum(0.1, -0.5)).hasMessage("beta must be >= 0 and < 1, was -0.5");
        assertThatThrownBy(() -> new OptimizerSpec.RmsProp(0.1, 0.9, 0)).hasMessage("epsilon must be > 0, was 0.0");
        assertThat(new OptimizerSpec.Momentum(0.1, 0).beta()).isZero();
    }

    @Test
    void rejectsBadLayers() {
        assertThatThrownBy(() -> LayerSpec.Dense.of(0, Activation.RELU)).hasMessage("units must be > 0, was 0");
        assertThatThrownBy(() -> new LayerSpec.Dense(4, Activation.LEAKY_RELU, 1.5, new Init.He()))
                .hasMessage("alpha must be > 0 and < 1, was 1.5");
        assertThatThrownBy(() -> new LayerSpec.Dropout(1.0)).hasMessage("rate must be >= 0 and < 1, was 1.0");
        assertThatThrownBy(() -> new Init.Normal(0)).hasMessage("init.std must be > 0, was 0.0");
        assertThatThrownBy(() -> new LayerSpec.Residual(List.of())).hasMessageContaining("at least one layer");
    }

    @Test
    void residualBlocksMustKeepTheirWidth() {
        ModelSpec model = new ModelSpec(List.of(LayerSpec.Dense.of(8, Activation.RELU),
                new LayerSpec.Residual(List.of(LayerSpec.Dense.of(8, Activation.RELU), LayerSpec.BatchNorm.DEFAULT))),
                Output.AUTO, Loss.AUTO);
        assertThat(model.hiddenWidth(4)).isEqualTo(8);

        ModelSpec widening = new ModelSpec(List.of(new LayerSpec.Residual(List.of(LayerSpec.Dense.of(16, Activation.TANH)))),
                Output.AUTO, Loss.AUTO);
        assertThatThrownBy(() -> widening.hiddenWidth(4))
                .hasMessage("a residual block must keep its width: it takes 4 features but its layers end with 16");
    }

    @Test
    void outputAndLossMustFit() {
        assertThatThrownBy(() -> new ModelSpec(List.of(), Output.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY))
                .hasMessageContaining("loss softmax_cross_entropy does not fit output sigmoid");
        assertThat(new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR).loss())
                .isEqualTo(Loss.MEAN_SQUARED_ERROR);
        assertThat(new ModelSpec(List.of(), null, null).output()).isEqualTo(Output.AUTO);
    }

    @Test
    void batchModesFixTheirSizes() {
        assertThat(Batch.stochastic().samplesPerStep(100)).isEqualTo(1);
        assertThat(Batch.full().samplesPerStep(100)).isEqualTo(100);
        assertThat(Batch.of(32).samplesPerStep(100)).isEqualTo(32);
        assertThat(Batch.of(256).samplesPerStep(100)).isEqualTo(100);
        assertThatThrownBy(() -> Batch.of(0)).hasMessage("batch.size must be > 0, was 0");
    }

    @Test
    void trainingDefaultsAndLimits() {
        TrainingSpec spec = Specs.training(10).batch(Batch.of(32)).optimizer(new OptimizerSpec.Sgd(0.1)).build();
        assertThat(spec.schedule()).isEqualTo(new Schedule.Constant(0));
        assertThat(spec.regularization()).isEqualTo(Regularization.NONE);
        assertThat(spec.augmentation().active()).isFalse();
        assertThatThrownBy(() -> Specs.training(0).build()).hasMessage("epochs must be > 0, was 0");
        assertThatThrownBy(() -> Specs.training(5).schedule(new Schedule.Constant(5)).build()).hasMessage("schedule.warmupEpochs must be < epochs (5), was 5");
        assertThatThrownBy(() -> Specs.training(5).gradientClipNorm(-1.0).build()).hasMessage("gradientClipNorm must be > 0, was -1.0");
    }

    @Test
    void earlyStoppingKnowsWhichWayIsBetter() {
        assertThat(new EarlyStopping("val_loss", 3, 0, true).maximize()).isFalse();
        assertThat(new EarlyStopping("val_accuracy", 3, 0, true).maximize()).isTrue();
        assertThat(new EarlyStopping("val_r2", 3, 0, true).maximize()).isTrue();
        assertThatThrownBy(() -> new EarlyStopping(" ", 3, 0, true)).hasMessageContaining("monitor must name a metric");
    }

    @Test
    void initsAreNamedWithTheirParameters() {
        assertThat(Init.of("normal", Map.of("std", 0.2))).isEqualTo(new Init.Normal(0.2));
        assertThat(Init.of("UNIFORM", Map.of())).isEqualTo(new Init.Uniform(0.05));
        assertThat(Init.of("he", Map.of()).type()).isEqualTo("he");
        assertThat(new Init.Constant(0.5).parameters()).containsExactly(Map.entry("value", 0.5));
        assertThatThrownBy(() -> Init.of("glorot", Map.of())).hasMessageContaining("was 'glorot'");
    }

    @Test
    void symmetricInitsAreTheConstantOnes() {
        assertThat(new Init.Zeros().symmetric()).isTrue();
        assertThat(new Init.Constant(0.5).symmetric()).isTrue();
        assertThat(new Init.He().symmetric()).isFalse();
        assertThat(new Init.Normal(0.1).symmetric()).isFalse();
    }
}

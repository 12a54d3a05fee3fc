package dev.trainyard.engine.train;

import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.TrainingSpec;

/**
 * A measurement, not a test: the range test's suggestion against the rates chosen by hand, trained for the same
 * epochs on digits, wine and spirals with SGD and Adam, one line each. After {@code ./mvnw test-compile} and
 * {@code ./mvnw dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt}, run
 * {@code java --add-modules=jdk.incubator.vector -cp "target/test-classes:target/classes:$(cat
 * target/bench-classpath.txt)" dev.trainyard.engine.train.LearningRateRangeComparison}.
 */
public final class LearningRateRangeComparison {

    private LearningRateRangeComparison() {
    }

    public static void main(String[] args) {
        PreparedData digits = TestData.builtinClassification("digits", 0.1, 0.2, 7);
        PreparedData wine = TestData.builtinClassification("wine", 0.1, 0.2, 7);
        PreparedData spirals = Preparation.prepare(Generators.spirals(600, 0.05, 1), new SplitSpec(0.1, 0.2, true, 7,
                MissingValues.DEFAULT, true));
        ModelSpec relu = Specs.model(LayerSpec.Dense.of(64, Activation.RELU)).build();
        ModelSpec tanh = Specs.model(LayerSpec.Dense.of(32, Activation.TANH), LayerSpec.Dense.of(32, Activation.TANH))
                .build();
        compare("digits adam", relu, digits, new OptimizerSpec.Adam(0.003, 0.9, 0.999, 1e-8), 30);
        compare("digits sgd", relu, digits, new OptimizerSpec.Sgd(0.1), 30);
        compare("wine adam", relu, wine, new OptimizerSpec.Adam(0.003, 0.9, 0.999, 1e-8), 30);
        compare("wine sgd", relu, wine, new OptimizerSpec.Sgd(0.1), 30);
        compare("spirals adam", tanh, spirals, new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8), 100);
        compare("spirals sgd", tanh, spirals, new OptimizerSpec.Sgd(0.1), 100);
    }

    private static void compare(String name, ModelSpec model, PreparedData data, OptimizerSpec hand, int epochs) {
        TrainingSpec handSpec = Specs.training(epochs).batch(Batch.of(32)).optimizer(hand).seed(42).build();
        LearningRateRange.Result range = LearningRateRange.run(model, handSpec, data, 1e-6, 10, 200);
        OptimizerSpec suggested = hand instanceof OptimizerSpec.Adam a
                ? new OptimizerSpec.Adam(range.suggested(), a.beta1(), a.beta2(), a.epsilon())
                : new OptimizerSpec.Sgd(range.suggested());
        TrainingSpec suggestedSpec = Specs.training(epochs).batch(Batch.of(32)).optimizer(suggested).seed(42).build();
        double byHand = Trainer.train(model, handSpec, data, TrainingListener.NONE).test().get("accuracy");
        double bySuggestion = Trainer.train(model, suggestedSpec, data, TrainingListener.NONE).test().get("accuracy");
        System.out.printf("%-13s hand-chosen %.3g: test accuracy %.4f; suggested %.3g: %.4f%n", name,
                hand.learningRate(), byHand, range.suggested(), bySuggestion);
    }
}

package dev.trainyard.engine.train;

import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.TrainingSpec;

/**
 * A measurement, not a test: the range test's suggestion against the rates chosen by hand (the README's digits job,
 * the spiral-tanh example, and 0.1 for SGD), each trained for the same epochs on digits, wine and spirals, with the
 * spec defaults otherwise (mini-batches of 32, the default splits), test accuracy averaged over ten seeds. After
 * {@code ./mvnw test-compile} and {@code ./mvnw dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt},
 * run {@code java --add-modules=jdk.incubator.vector -cp "target/test-classes:target/classes:$(cat
 * target/bench-classpath.txt)" dev.trainyard.engine.train.LearningRateRangeComparison}.
 */
public final class LearningRateRangeComparison {

    private static final long[] SEEDS = {42, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    private LearningRateRangeComparison() {
    }

    public static void main(String[] args) {
        PreparedData digits = TestData.builtinClassification("digits", 0.15, 0.15, 7);
        PreparedData wine = TestData.builtinClassification("wine", 0.15, 0.15, 7);
        PreparedData spirals = Preparation.prepare(Generators.spirals(1000, 0.1, 1), SplitSpec.DEFAULT);
        ModelSpec relu = Specs.model(LayerSpec.Dense.of(64, Activation.RELU)).build();
        ModelSpec tanh = Specs.model(LayerSpec.Dense.of(32, Activation.TANH), LayerSpec.Dense.of(32, Activation.TANH))
                .build();
        OptimizerSpec adam = OptimizerSpec.Adam.defaults(0.003);
        compare("digits adam", relu, digits, adam, 30);
        compare("digits sgd", relu, digits, new OptimizerSpec.Sgd(0.1), 30);
        compare("wine adam", relu, wine, adam, 30);
        compare("wine sgd", relu, wine, new OptimizerSpec.Sgd(0.1), 30);
        compare("spirals adam", tanh, spirals, OptimizerSpec.Adam.defaults(0.01), 200);
        compare("spirals sgd", tanh, spirals, new OptimizerSpec.Sgd(0.1), 200);
    }

    private static void compare(String name, ModelSpec model, PreparedData data, OptimizerSpec hand, int epochs) {
        double byHand = 0;
        double bySuggestion = 0;
        StringBuilder suggestions = new StringBuilder();
        for (long seed : SEEDS) {
            TrainingSpec spec = Specs.training(epochs).batch(Batch.DEFAULT).optimizer(hand).seed(seed).build();
            double suggested = LearningRateRange.run(model, spec, data, 1e-6, 10, 200).suggested();
            byHand += accuracy(model, spec, data) / SEEDS.length;
            bySuggestion += accuracy(model, spec.withLearningRate(suggested), data) / SEEDS.length;
            suggestions.append(String.format(" %.2g", suggested));
        }
        System.out.printf("%-13s hand-chosen %.3g: mean test accuracy %.4f; suggested%s: %.4f (%+.4f)%n", name,
                hand.learningRate(), byHand, suggestions, bySuggestion, bySuggestion - byHand);
    }

    /** The test accuracy, 0 when the run diverged. */
    private static double accuracy(ModelSpec model, TrainingSpec spec, PreparedData data) {
        Evaluation test = Trainer.train(model, spec, data, TrainingListener.NONE).test();
        return test == null ? 0 : test.get("accuracy");
    }
}

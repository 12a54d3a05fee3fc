package dev.trainyard.engine.train;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.diagnose.TrainedHessian;
import dev.trainyard.engine.model.BoundaryGrid;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.TrainingSpec;

/**
 * A measurement, not a test: what a job's probes cost against one epoch of its training. A sharpness probe as the
 * worker takes it ({@code TrainedHessian.sharpness}), a stored decision boundary (40 × 40), and the
 * range test of an "auto" rate (200 steps), medians of 7 rounds with the first 2 dropped. Run as
 * {@link LearningRateRangeComparison} is, with {@code dev.trainyard.engine.train.ProbeCost}.
 */
public final class ProbeCost {

    private static final int ROUNDS = 7;
    private static final int WARM = 2;

    private ProbeCost() {
    }

    public static void main(String[] args) {
        measure("digits, 64 ReLU", TestData.builtinClassification("digits", 0.15, 0.15, 7),
                Specs.model(LayerSpec.Dense.of(64, Activation.RELU)).build(), 30, false);
        measure("moons (600), 2 x 16 tanh", Preparation.prepare(Generators.moons(600, 0.15, 3), SplitSpec.DEFAULT),
                Specs.model(LayerSpec.Dense.of(16, Activation.TANH), LayerSpec.Dense.of(16, Activation.TANH)).build(),
                100, true);
    }

    private static void measure(String name, PreparedData data, ModelSpec model, int epochs, boolean boundary) {
        TrainingSpec spec = Specs.training(epochs).batch(Batch.DEFAULT).optimizer(OptimizerSpec.Adam.defaults(0.003))
                .build();
        List<Double> epoch = new ArrayList<>();
        List<Double> sharpness = new ArrayList<>();
        List<Double> grid = new ArrayList<>();
        List<Double> range = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            TrainedModel trained = Trainer.train(model, spec, data, TrainingListener.NONE).model();
            epoch.add(millisSince(started) / epochs);
            started = System.nanoTime();
            TrainedHessian.sharpness(trained, data.train(), 42);
            sharpness.add(millisSince(started));
            if (boundary) {
                started = System.nanoTime();
                BoundaryGrid.of(trained, data.train(), 40);
                grid.add(millisSince(started));
            }
            started = System.nanoTime();
            LearningRateRange.run(model, spec, data, 1e-6, 10, 200);
            range.add(millisSince(started));
        }
        System.out.printf("%s: epoch %.1f ms; sharpness probe %.1f ms; decision boundary %s ms; range test %.1f ms%n",
                name, median(epoch), median(sharpness), boundary ? String.format("%.1f", median(grid)) : "-",
                median(range));
    }

    private static double millisSince(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    private static double median(List<Double> rounds) {
        List<Double> kept = new ArrayList<>(rounds.subList(WARM, rounds.size()));
        Collections.sort(kept);
        return kept.get(kept.size() / 2);
    }
}

package dev.trainyard.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.DoublePredicate;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.optim.Optimizer;
import dev.trainyard.engine.spec.LearningRateSearch;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The learning-rate range test (Smith 2017; fastai's {@code lr_find}, torch-lr-finder): from the run's own initial
 * weights and batch order (the training seed), one optimizer step per learning rate, the rate growing exponentially
 * from {@code minLr} to {@code maxLr}. After each step the loss is taken, in inference mode, over one fixed seeded
 * draw of at most {@value #PROBE_ROWS} training rows rather than over the step's own batch, so the curve shows what
 * the steps did and not how one batch differs from the next (with batches of 32, those differences hid the curve's
 * minimum); it is smoothed by a bias-corrected exponential moving average (β = {@value #BETA}). It stops when the smoothed loss passes {@value #DIVERGED} times its lowest, or is not
 * finite. Two candidates come out: the rate where the smoothed loss falls fastest against log(rate), and a tenth of
 * the rate at the lowest smoothed loss. The suggestion is the tenth when the curve turned up before the largest rate
 * (its minimum is then where steps start to overshoot), and the steepest fall when it never did.
 */
public final class LearningRateRange {

    static final double BETA = 0.98;
    static final double DIVERGED = 4;
    static final int PROBE_ROWS = 1000;
    /** The stream of the fixed draw the loss is taken over, apart from the ones training uses. */
    private static final long PROBE_STREAM = 11;

    /** The curve up to where it stopped, and the suggestions with the reasoning. */
    public record Result(double[] learningRates, double[] losses, double[] smoothed, boolean diverged,
                         double steepest, double minimumOverTen, double suggested, String reasoning) {
    }

    private LearningRateRange() {
    }

    public static Result run(ModelSpec model, TrainingSpec spec, PreparedData data, double minLr, double maxLr,
            int steps) {
        return run(model, spec, data, minLr, maxLr, steps, fraction -> true);
    }

    /**
     * As {@link #run(ModelSpec, TrainingSpec, PreparedData, double, double, int)}, telling {@code progress} the
     * fraction of steps done before each step; when it answers false the test stops with a
     * {@link CancellationException}.
     */
    public static Result run(ModelSpec model, TrainingSpec spec, PreparedData data, double minLr, double maxLr,
            int steps, DoublePredicate progress) {
        if (!(minLr > 0) || !(maxLr > minLr) || steps < LearningRateSearch.MIN_STEPS) {
            throw new IllegalArgumentException("need 0 < minLr < maxLr and at least 10 steps, had " + minLr + ", "
                    + maxLr + ", " + steps);
        }
        model.hiddenWidth(data.featureCount());
        Targets targets = Targets.resolve(model, data);
        Precision precision = Precision.FLOAT;
        Network network = Network.build(model, data.featureCount(), targets.outputs(), targets.loss(), precision,
                spec.seed());
        int rows = data.train().rows();
        int batch = spec.batch().samplesPerStep(rows);
        int probeRows = Math.min(rows, PROBE_ROWS);
        network.allocate(Math.max(batch, probeRows));
        Batches batches = new Batches(precision, batch, data.featureCount(), targets.outputs());
        List<ParameterGroup> weights = network.groups().stream().filter(ParameterGroup::isWeights).toList();
        Optimizer optimizer = Optimizer.of(spec.optimizer(), network.parameterCount(), weights, precision);
        Tensor x = Tensor.zeros(precision, rows, data.featureCount());
        x.setAll(data.train().features());
        Tensor y = targets.encode(data.train(), precision);
        Rng shuffle = Rng.stream(spec.seed(), Trainer.SHUFFLE_STREAM);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        int[] drawn = order.clone();
        Rng.stream(spec.seed(), PROBE_STREAM).shuffle(drawn);
        Batches probe = new Batches(precision, probeRows, data.featureCount(), targets.outputs());
        Tensor px = probe.features(x, drawn, 0, probeRows);
        Tensor py = probe.targets(y, drawn, 0, probeRows);
        List<Double> rates = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> smoothed = new ArrayList<>();
        double average = 0;
        double best = Double.POSITIVE_INFINITY;
        boolean diverged = false;
        int start = rows;
        for (int k = 0; k < steps; k++) {
            if (!progress.test((double) k / steps)) {
                throw new CancellationException("the range test was stopped at step " + k);
            }
            if (start >= rows) {
                shuffle.shuffle(order);
                start = 0;
            }
            int n = Math.min(batch, rows - start);
            Tensor bx = batches.features(x, order, start, n);
            Tensor by = batches.targets(y, order, start, n);
            start += n;
            double rate = minLr * Math.pow(maxLr / minLr, (double) k / (steps - 1));
            network.forward(bx, by, true);
            network.backward(by);
            optimizer.step(network.parameters(), network.gradients(), rate);
            double loss = network.forward(px, py, false);
            average = BETA * average + (1 - BETA) * loss;
            double value = average / (1 - Math.pow(BETA, k + 1));
            rates.add(rate);
            losses.add(loss);
            smoothed.add(value);
            if (!Double.isFinite(value) || value > DIVERGED * best) {
                diverged = true;
                break;
            }
            best = Math.min(best, value);
        }
        return suggest(toArray(rates), toArray(losses), toArray(smoothed), diverged);
    }

    /** The suggestions from a smoothed curve (public for its tests). */
    static Result suggest(double[] rates, double[] losses, double[] smoothed, boolean diverged) {
        int end = diverged ? smoothed.length - 1 : smoothed.length; // the diverged point is not part of the curve
        int lowest = 0;
        for (int k = 1; k < end; k++) {
            lowest = smoothed[k] < smoothed[lowest] ? k : lowest;
        }
        int skip = Math.max(1, end / 10); // the first steps of a moving average say little
        int steepest = Math.min(skip, Math.max(0, end - 2));
        double fastest = Double.POSITIVE_INFINITY;
        for (int k = skip; k + 1 < end && k < lowest + 1; k++) {
            double slope = (smoothed[k + 1] - smoothed[k]) / (Math.log(rates[k + 1]) - Math.log(rates[k]));
            if (slope < fastest) {
                fastest = slope;
                steepest = k;
            }
        }
        double steep = rates[steepest];
        double tenth = rates[lowest] / 10;
        boolean turned = diverged || lowest < end - 1;
        double suggested = turned ? tenth : steep;
        String reasoning = String.format(java.util.Locale.ROOT, "The smoothed loss was lowest (%.4g) at learning rate "
                + "%.3g%s; a tenth of that is %.3g. It fell fastest at %.3g. %s", smoothed[lowest], rates[lowest],
                diverged ? String.format(java.util.Locale.ROOT, " and diverged at %.3g", rates[rates.length - 1]) : "",
                tenth, steep, turned ? String.format(java.util.Locale.ROOT, "The curve turned up, so the suggestion is "
                + "the tenth, %.3g: below where steps start to overshoot.", suggested) : String.format(
                java.util.Locale.ROOT, "The curve never turned up, so its minimum says nothing of overshooting; the "
                + "suggestion is the steepest fall, %.3g.", suggested));
        return new Result(rates, losses, smoothed, diverged, steep, tenth, suggested, reasoning);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

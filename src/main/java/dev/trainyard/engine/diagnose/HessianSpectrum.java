package dev.trainyard.engine.diagnose;

import java.util.Arrays;

import dev.trainyard.engine.Rng;

/**
 * What the Hessian says of a point of the loss surface, as PyHessian computes it: the top and bottom eigenvalues by
 * Lanczos, the trace by Hutchinson's estimator (the mean of zᵀHz over Rademacher vectors z), and the eigenvalue
 * density by stochastic Lanczos quadrature (Ritz values weighted by the squared first components of T's eigenvectors,
 * averaged over random starts and smoothed by a Gaussian). The verdict: {@code flat} when the largest eigenvalue is at
 * most {@code flatBelow}; {@code saddle} when the most negative one is below {@code -tolerance} times the largest
 * (some direction still goes down); {@code minimum} otherwise. Sharpness, the largest eigenvalue, is set against
 * 2 / learning rate, above which full-batch gradient descent cannot be stable along that direction.
 */
public final class HessianSpectrum {

    /**
     * @param topK         largest eigenvalues to report
     * @param bottomK      smallest eigenvalues to report
     * @param steps        Lanczos steps for the extremes (at most the dimension)
     * @param traceSamples Hutchinson probes
     * @param densityRuns  random starts for the density, each of {@code steps} Lanczos steps
     * @param densityPoints points of the density's grid
     * @param tolerance    the most negative eigenvalue over the largest below -tolerance is a saddle
     * @param flatBelow    a largest eigenvalue at or below it is a flat point
     */
    public record Options(int topK, int bottomK, int steps, int traceSamples, int densityRuns, int densityPoints,
                          double tolerance, double flatBelow) {

        public static final Options DEFAULT = new Options(5, 5, 60, 100, 3, 200, 1e-3, 1e-8);
    }

    /** The findings; conditionNumber is null unless the smallest eigenvalue is positive. */
    public record Result(int parameters, double[] top, double[] bottom, double trace, double traceStandardError,
                         double[] densityAt, double[] density, String verdict, Double conditionNumber,
                         double sharpness, double edgeOfStability, int hessianVectorProducts) {
    }

    /** Told the fraction done after every product; answers false to stop the analysis ({@link Stopped}). */
    public interface Progress {
        boolean at(double fraction);
    }

    /** The analysis was stopped by its {@link Progress}. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private HessianSpectrum() {
    }

    public static Result analyze(HessianVector h, Options options, Rng rng, double learningRate) {
        return analyze(h, options, rng, learningRate, fraction -> true);
    }

    public static Result analyze(HessianVector h, Options options, Rng rng, double learningRate, Progress progress) {
        int n = h.dimension();
        int steps = Math.min(n, Math.max(options.steps(), 2 * (options.topK() + options.bottomK()) + 10));
        double total = steps + options.traceSamples() + (double) options.densityRuns() * Math.min(n, options.steps());
        int[] products = {0};
        HessianVector counted = new HessianVector() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double[] times(double[] v) {
                double[] product = h.times(v);
                products[0]++;
                if (!progress.at(Math.min(1, products[0] / total))) {
                    throw new Stopped();
                }
                return product;
            }
        };
        Lanczos.Run extremes = Lanczos.run(counted, gaussian(n, rng), steps);
        double[] values = extremes.values();
        double[] top = new double[Math.min(options.topK(), values.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = values[values.length - 1 - i];
        }
        double[] bottom = Arrays.copyOf(values, Math.min(options.bottomK(), values.length));

        double[] probes = new double[options.traceSamples()];
        for (int s = 0; s < probes.length; s++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextDouble() < 0.5 ? -1 : 1;
            }
            probes[s] = Lanczos.dot(z, counted.times(z));
        }
        double trace = Arrays.stream(probes).average().orElse(Double.NaN);
        double spread = Math.sqrt(Arrays.stream(probes).map(p -> (p - trace) * (p - trace)).sum()
                / Math.max(1, probes.length - 1));

        double[][] density = density(counted, n, options, rng);
        double largest = values[values.length - 1];
        double smallest = values[0];
        String verdict = largest <= options.flatBelow() ? "flat"
                : smallest < -options.tolerance() * largest ? "saddle" : "minimum";
        return new Result(n, top, bottom, trace, spread / Math.sqrt(probes.length), density[0], density[1], verdict,
                smallest > 0 ? largest / smallest : null, largest, 2 / learningRate, products[0]);
    }

    /** The smoothed SLQ density on a grid: [grid, density], the density integrating to about 1. */
    private static double[][] density(HessianVector h, int n, Options options, Rng rng) {
        int steps = Math.min(n, options.steps());
        double[][] runs = new double[options.densityRuns()][];
        double[][] weights = new double[options.densityRuns()][];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < runs.length; r++) {
            Lanczos.Run run = Lanczos.run(h, gaussian(n, rng), steps);
            runs[r] = run.values();
            weights[r] = run.weights();
            low = Math.min(low, run.values()[0]);
            high = Math.max(high, run.values()[run.values().length - 1]);
        }
        double width = Math.max(high - low, Math.max(Math.abs(high), 1e-12) * 1e-3);
        double sigma = 0.01 * width;
        double from = low - 3 * sigma - 0.02 * width;
        double to = high + 3 * sigma + 0.02 * width;
        int points = options.densityPoints();
        double[] grid = new double[points];
        double[] density = new double[points];
        for (int g = 0; g < points; g++) {
            grid[g] = from + (to - from) * g / (points - 1);
            double sum = 0;
            for (int r = 0; r < runs.length; r++) {
                for (int k = 0; k < runs[r].length; k++) {
                    double d = (grid[g] - runs[r][k]) / sigma;
                    sum += weights[r][k] * Math.exp(-0.5 * d * d) / (sigma * Math.sqrt(2 * Math.PI));
                }
            }
            density[g] = sum / runs.length;
        }
        return new double[][] {grid, density};
    }

    static double[] gaussian(int n, Rng rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}

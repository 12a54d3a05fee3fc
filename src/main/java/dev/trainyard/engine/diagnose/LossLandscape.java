package dev.trainyard.engine.diagnose;

import java.util.List;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.nn.ParameterGroup;

/**
 * The loss around a trained point (Li et al., 2018, "Visualizing the Loss Landscape of Neural Nets"): along the
 * Hessian's top eigenvector and along a random direction, and over the plane of the two, at steps α, β from -span to
 * span. Both directions are filter-normalized: each unit's incoming weights in a direction get the norm of that unit's
 * trained weights, and biases and batch-norm parameters are left out (zero), so a step of 1 moves every unit by about
 * its own size and networks of different scales compare.
 */
public final class LossLandscape {

    /** 1-D curves and the 2-D grid; grid[i][j] is the loss at alpha[i] along the first direction, beta[j] the second. */
    public record Result(double[] steps, double[] alongEigenvector, double[] alongRandom, double[] gridSteps,
                         double[][] grid, double center, double topEigenvalue) {
    }

    private LossLandscape() {
    }

    public static Result of(LossHessian loss, int points, int gridPoints, double span, int lanczosSteps, long seed,
            HessianSpectrum.Progress progress) {
        Rng rng = new Rng(seed);
        int n = loss.dimension();
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = rng.nextGaussian();
        }
        Lanczos.Run run = Lanczos.run(loss, start, Math.min(n, lanczosSteps));
        double[] theta = loss.point();
        List<ParameterGroup> groups = loss.network().groups();
        double[] eigen = filterNormalized(run.vector(run.values().length - 1), theta, groups);
        double[] random = new double[n];
        for (int i = 0; i < n; i++) {
            random[i] = rng.nextGaussian();
        }
        random = filterNormalized(random, theta, groups);
        double total = 2.0 * points + (double) gridPoints * gridPoints;
        int[] done = {0};
        double[] steps = steps(points, span);
        double[] alongEigen = new double[points];
        double[] alongRandom = new double[points];
        for (int k = 0; k < points; k++) {
            alongEigen[k] = at(loss, theta, eigen, steps[k], random, 0, done, total, progress);
            alongRandom[k] = at(loss, theta, eigen, 0, random, steps[k], done, total, progress);
        }
        double[] gridSteps = steps(gridPoints, span);
        double[][] grid = new double[gridPoints][gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            for (int j = 0; j < gridPoints; j++) {
                grid[i][j] = at(loss, theta, eigen, gridSteps[i], random, gridSteps[j], done, total, progress);
            }
        }
        return new Result(steps, alongEigen, alongRandom, gridSteps, grid, loss.lossAt(theta),
                run.values()[run.values().length - 1]);
    }

    private static double at(LossHessian loss, double[] theta, double[] d1, double a, double[] d2, double b, int[] done,
            double total, HessianSpectrum.Progress progress) {
        double[] point = theta.clone();
        for (int i = 0; i < point.length; i++) {
            point[i] += a * d1[i] + b * d2[i];
        }
        double value = loss.lossAt(point);
        if (!progress.at(++done[0] / total)) {
            throw new HessianSpectrum.Stopped();
        }
        return value;
    }

    private static double[] steps(int points, double span) {
        double[] steps = new double[points];
        for (int k = 0; k < points; k++) {
            steps[k] = points == 1 ? 0 : -span + 2 * span * k / (points - 1);
        }
        return steps;
    }

    /**
     * The direction with each dense unit's incoming weights scaled to the norm of the unit's trained weights (a dense
     * layer's weights are inputs × units, row-major, followed by its units biases), everything else zero.
     */
    static double[] filterNormalized(double[] direction, double[] theta, List<ParameterGroup> groups) {
        double[] out = new double[direction.length];
        for (int g = 0; g < groups.size(); g++) {
            ParameterGroup group = groups.get(g);
            if (!group.isWeights() || g + 1 >= groups.size()) {
                continue;
            }
            int units = groups.get(g + 1).length();
            int inputs = group.length() / units;
            for (int u = 0; u < units; u++) {
                double d = 0;
                double t = 0;
                for (int i = 0; i < inputs; i++) {
                    int at = group.offset() + i * units + u;
                    d += direction[at] * direction[at];
                    t += theta[at] * theta[at];
                }
                double scale = d > 0 ? Math.sqrt(t / d) : 0;
                for (int i = 0; i < inputs; i++) {
                    int at = group.offset() + i * units + u;
                    out[at] = direction[at] * scale;
                }
            }
        }
        return out;
    }
}

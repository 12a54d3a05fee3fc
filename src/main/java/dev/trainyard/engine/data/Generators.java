package dev.trainyard.engine.data;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.Rng;

/**
 * Seeded synthetic datasets in the spirit of an interactive playground. {@code noise} is the
 * standard deviation of gaussian noise added to each coordinate (classification) or to the target
 * (regression). Classes are balanced: sample i belongs to class i mod k; {@link #imbalanced} thins them so that
 * class 0 outnumbers the others.
 */
public final class Generators {

    private Generators() {
    }

    /** Points in [-1, 1]^2; class 1 where x and y have different signs. Not linearly separable. */
    public static LabeledData xor(int samples, double noise, long seed) {
        Rng rng = new Rng(seed);
        return points(samples, 2, rng, noise, (i, cls) -> {
            double x = rng.nextDouble() * 0.9 + 0.05;
            double y = rng.nextDouble() * 0.9 + 0.05;
            boolean flipX = rng.nextDouble() < 0.5;
            // class 0: same signs (both flipped or neither), class 1: different signs
            boolean flipY = cls == 0 ? flipX : !flipX;
            return new double[] {flipX ? -x : x, flipY ? -y : y};
        });
    }

    /** Class 0 on a circle of radius 0.5, class 1 on a circle of radius 1, around the origin. */
    public static LabeledData circles(int samples, double noise, long seed) {
        Rng rng = new Rng(seed);
        return points(samples, 2, rng, noise, (i, cls) -> {
            double angle = 2 * Math.PI * rng.nextDouble();
            double radius = cls == 0 ? 0.5 : 1;
            return new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
        });
    }

    /** Two interleaving half circles: (cos t, sin t) and (1 - cos t, 0.5 - sin t), t in [0, pi]. */
    public static LabeledData moons(int samples, double noise, long seed) {
        Rng rng = new Rng(seed);
        return points(samples, 2, rng, noise, (i, cls) -> {
            double t = Math.PI * rng.nextDouble();
            return cls == 0 ? new double[] {Math.cos(t), Math.sin(t)} : new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
        });
    }

    /** Two spiral arms, r = t and angle 3 pi t (+ pi for the second arm), t in [0.05, 1]. */
    public static LabeledData spirals(int samples, double noise, long seed) {
        Rng rng = new Rng(seed);
        return points(samples, 2, rng, noise, (i, cls) -> {
            double t = 0.05 + 0.95 * rng.nextDouble();
            double angle = 3 * Math.PI * t + cls * Math.PI;
            return new double[] {t * Math.cos(angle), t * Math.sin(angle)};
        });
    }

    /** k gaussian blobs of standard deviation noise, centred on a circle of radius 3. */
    public static LabeledData blobs(int samples, int classes, double noise, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("blobs need at least 2 classes, asked for " + classes);
        }
        Rng rng = new Rng(seed);
        return points(samples, classes, rng, noise, (i, cls) -> {
            double angle = 2 * Math.PI * cls / classes;
            return new double[] {3 * Math.cos(angle), 3 * Math.sin(angle)};
        });
    }

    /** y = 2 x0 - 3 x1 + 1 (+ noise), x uniform in [-1, 1]^2. */
    public static LabeledData linear(int samples, double noise, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[samples * 2];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[2 * i] = 2 * rng.nextDouble() - 1;
            x[2 * i + 1] = 2 * rng.nextDouble() - 1;
            y[i] = 2 * x[2 * i] - 3 * x[2 * i + 1] + 1 + noise * rng.nextGaussian();
        }
        return LabeledData.regression(x, 2, y);
    }

    /** y = sin(x) (+ noise), x uniform in [-pi, pi]. */
    public static LabeledData sine(int samples, double noise, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[samples];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = Math.PI * (2 * rng.nextDouble() - 1);
            y[i] = Math.sin(x[i]) + noise * rng.nextGaussian();
        }
        return LabeledData.regression(x, 1, y);
    }

    /**
     * {@code samples} rows of a balanced classification set made by {@code generator} (rows i mod k of class i),
     * drawn so that class 0 has {@code imbalance} times as many rows as each other class: class 0's first rows and
     * the first rows of every other class, in the generator's order, each class keeping at least one row.
     *
     * @param generator makes a balanced set of the given size
     */
    public static LabeledData imbalanced(int samples, int classes, double imbalance,
            java.util.function.IntFunction<LabeledData> generator) {
        if (!(imbalance >= 1)) {
            throw new IllegalArgumentException("imbalance must be at least 1, was " + imbalance);
        }
        int others = Math.max(1, (int) Math.round(samples / (imbalance + classes - 1)));
        int first = Math.max(1, samples - (classes - 1) * others);
        LabeledData balanced = generator.apply(first * classes);
        int f = balanced.featureCount();
        double[] features = new double[(first + (classes - 1) * others) * f];
        List<String> labels = new ArrayList<>();
        int[] kept = new int[classes];
        for (int r = 0; r < balanced.rows(); r++) {
            int cls = r % classes;
            if (kept[cls] < (cls == 0 ? first : others)) {
                kept[cls]++;
                System.arraycopy(balanced.features(), r * f, features, labels.size() * f, f);
                labels.add(balanced.labels().get(r));
            }
        }
        return LabeledData.classification(features, f, labels);
    }

    private interface Point {
        double[] at(int index, int cls);
    }

    private static LabeledData points(int samples, int classes, Rng rng, double noise, Point point) {
        if (samples < classes) {
            throw new IllegalArgumentException("need at least " + classes + " samples, asked for " + samples);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0, was " + noise);
        }
        double[] features = new double[samples * 2];
        List<String> labels = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            int cls = i % classes;
            double[] p = point.at(i, cls);
            features[2 * i] = p[0] + noise * rng.nextGaussian();
            features[2 * i + 1] = p[1] + noise * rng.nextGaussian();
            labels.add(String.valueOf(cls));
        }
        return LabeledData.classification(features, 2, labels);
    }
}

package dev.trainyard.engine.data;

import java.util.Arrays;

/**
 * Feature standardization fitted on the training split: x' = (x - mean) / scale per feature
 * (scale is the standard deviation, or 1 for a constant feature). Kept with the model so raw
 * inputs can be predicted on later. A regression target's standardization is one too, per target column, and
 * {@link #invert} brings predictions back to the target's units.
 */
public record Normalizer(double[] mean, double[] scale) {

    public Normalizer {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean and scale need one value per feature: " + mean.length + " vs "
                    + scale.length);
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0)) {
                throw new IllegalArgumentException("scale[" + i + "] must be > 0, was " + scale[i]);
            }
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    public static Normalizer identity(int features) {
        double[] ones = new double[features];
        Arrays.fill(ones, 1);
        return new Normalizer(new double[features], ones);
    }

    public int features() {
        return mean.length;
    }

    public void apply(double[] row, double[] into) {
        for (int f = 0; f < mean.length; f++) {
            into[f] = (row[f] - mean[f]) / scale[f];
        }
    }

    /** x = x' * scale + mean: the inverse of {@link #apply}. */
    public double invert(int feature, double standardized) {
        return standardized * scale[feature] + mean[feature];
    }

    /** The mean of feature {@code f}, without copying. */
    public double meanOf(int feature) {
        return mean[feature];
    }

    /** The scale of feature {@code f}, without copying. */
    public double scaleOf(int feature) {
        return scale[feature];
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalizer n && Arrays.equals(mean, n.mean) && Arrays.equals(scale, n.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalizer" + Arrays.toString(mean) + "/" + Arrays.toString(scale);
    }
}

package dev.trainyard.engine.data.augment;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Random image augmentation of training batches: per row, a shift of up to shiftPixels in each
 * direction, a horizontal flip with probability 1/2, a rotation of up to rotationDegrees either
 * way and a zoom of up to 1 + zoom, all drawn from the run's augmentation stream. Rows hold
 * standardized features, and standardization differs per pixel, so each row is turned back into
 * raw pixels, transformed, and standardized again.
 */
public final class ImageAugmenter {

    private final ImageShape shape;
    private final Augmentation.Image settings;
    private final Normalizer normalizer;
    private final Rng rng;
    private final double[] raw;
    private final double[] moved;
    private final double[] mean;
    private final double[] scale;

    public ImageAugmenter(ImageShape shape, Augmentation.Image settings, Normalizer normalizer, Rng rng) {
        this.shape = shape;
        this.settings = settings;
        this.normalizer = normalizer;
        this.rng = rng;
        this.raw = new double[shape.pixels()];
        this.moved = new double[shape.pixels()];
        this.mean = normalizer.mean();
        this.scale = normalizer.scale();
    }

    /** Transforms every row of a batch in place. */
    public void augment(Tensor batch) {
        int width = shape.pixels();
        for (int r = 0; r < batch.rows(); r++) {
            int base = r * width;
            for (int i = 0; i < width; i++) {
                raw[i] = batch.get(base + i) * scale[i] + mean[i];
            }
            next().apply(shape, raw, moved);
            normalizer.apply(moved, raw);
            for (int i = 0; i < width; i++) {
                batch.set(base + i, raw[i]);
            }
        }
    }

    /** The next random transform. */
    ImageTransform next() {
        int limit = settings.shiftPixels();
        int shiftX = limit == 0 ? 0 : rng.nextInt(2 * limit + 1) - limit;
        int shiftY = limit == 0 ? 0 : rng.nextInt(2 * limit + 1) - limit;
        boolean flip = settings.horizontalFlip() && rng.nextDouble() < 0.5;
        double degrees = (2 * rng.nextDouble() - 1) * settings.rotationDegrees();
        double zoom = 1 + rng.nextDouble() * settings.zoom();
        return new ImageTransform(flip, degrees, zoom, shiftX, shiftY);
    }
}

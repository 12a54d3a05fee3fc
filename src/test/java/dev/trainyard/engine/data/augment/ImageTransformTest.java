package dev.trainyard.engine.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

class ImageTransformTest {

    private static final ImageShape SQUARE = new ImageShape(3, 3, 1);
    //  1 2 3
    //  4 5 6
    //  7 8 9
    private static final double[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void identityKeepsTheImage() {
        assertThat(apply(ImageTransform.IDENTITY)).containsExactly(IMAGE);
    }

    @Test
    void shiftMovesRightAndDownFillingWithBackground() {
        assertThat(apply(new ImageTransform(false, 0, 1, 1, 0))).containsExactly(0, 1, 2, 0, 4, 5, 0, 7, 8);
        assertThat(apply(new ImageTransform(false, 0, 1, 0, -1))).containsExactly(4, 5, 6, 7, 8, 9, 0, 0, 0);
    }

    @Test
    void flipMirrorsLeftAndRight() {
        assertThat(apply(new ImageTransform(true, 0, 1, 0, 0))).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7);
    }

    @Test
    void quarterTurnRotatesAboutTheCentre() {
        // A rotation by +90 degrees in image coordinates (y down) turns the top row into the right column.
        assertThat(apply(new ImageTransform(false, 90, 1, 0, 0)))
                .containsExactly(new double[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, within(1e-12));
    }

    @Test
    void zoomEnlargesTheCentreByBilinearInterpolation() {
        // Zoom 2: output pixel (x, y) reads source (1 + (x - 1) / 2, 1 + (y - 1) / 2); the corner reads (0.5, 0.5),
        // the mean of 1, 2, 4 and 5 = 3; the centre stays 5; the middle of the top edge reads (1, 0.5) = (2 + 5) / 2.
        double[] zoomed = apply(new ImageTransform(false, 0, 2, 0, 0));
        assertThat(zoomed[0]).isCloseTo(3, within(1e-12));
        assertThat(zoomed[1]).isCloseTo(3.5, within(1e-12));
        assertThat(zoomed[4]).isCloseTo(5, within(1e-12));
    }

    @Test
    void augmentationWorksInRawPixelsAndIsSeeded() {
        // Standardized rows go back to raw pixels, move, and are standardized again: a shifted-in background pixel
        // becomes (0 - mean) / scale of its new position.
        Normalizer normalizer = new Normalizer(new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5},
                new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2});
        Augmentation.Image shiftOnly = new Augmentation.Image(1, false, 0, 0);
        Tensor batch = Tensor.zeros(Precision.DOUBLE, 1, 9);
        double[] standardized = new double[9];
        normalizer.apply(IMAGE, standardized);
        batch.setAll(standardized);

        ImageAugmenter augmenter = new ImageAugmenter(SQUARE, shiftOnly, normalizer, new Rng(6));
        ImageTransform drawn = new ImageAugmenter(SQUARE, shiftOnly, normalizer, new Rng(6)).next();
        augmenter.augment(batch);

        double[] expectedRaw = apply(drawn);
        double[] expected = new double[9];
        normalizer.apply(expectedRaw, expected);
        assertThat(batch.toArray()).containsExactly(expected, within(1e-12));
    }

    @Test
    void drawnTransformsStayWithinTheirLimits() {
        Augmentation.Image limits = new Augmentation.Image(2, true, 10, 0.2);
        ImageAugmenter augmenter = new ImageAugmenter(new ImageShape(8, 8, 1), limits,
                Normalizer.identity(64), new Rng(1));
        int flips = 0;
        for (int i = 0; i < 2000; i++) {
            ImageTransform t = augmenter.next();
            assertThat(Math.abs(t.shiftX())).isLessThanOrEqualTo(2);
            assertThat(Math.abs(t.shiftY())).isLessThanOrEqualTo(2);
            assertThat(Math.abs(t.degrees())).isLessThanOrEqualTo(10);
            assertThat(t.scale()).isBetween(1.0, 1.2);
            flips += t.flip() ? 1 : 0;
        }
        assertThat(flips).isBetween(900, 1100);
    }

    private static double[] apply(ImageTransform transform) {
        double[] out = new double[9];
        transform.apply(SQUARE, IMAGE, out);
        return out;
    }
}

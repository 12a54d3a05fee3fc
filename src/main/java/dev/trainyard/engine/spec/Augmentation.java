package dev.trainyard.engine.spec;

/**
 * Random changes to training batches only (never validation or test data), seeded: gaussian
 * noise of the given standard deviation on standardised features, and for inputs declared as
 * images, shifts, horizontal flips, small rotations and zoom-and-crop.
 */
public record Augmentation(double gaussianNoise, Image image) {

    public static final Augmentation NONE = new Augmentation(0, null);

    public Augmentation {
        Require.nonNegative("augmentation.gaussianNoise", gaussianNoise);
    }

    public boolean active() {
        return gaussianNoise > 0 || (image != null && image.active());
    }

    /** Whether image augmentation is asked for: an image part with any of its changes switched on. */
    public boolean imageActive() {
        return image != null && image.active();
    }

    /**
     * Why this augmentation cannot apply to a dataset that is images or not (relative to augmentation.image); null
     * when it can. Image changes need to know the rows' height, width and channels.
     */
    public String imageMisfit(boolean images) {
        return imageActive() && !images ? "needs a dataset declared as images (with an image shape, such as "
                + "builtin:digits); this one is tabular: remove augmentation.image or use augmentation.gaussianNoise"
                : null;
    }

    /** Image augmentation; each applied with a random amount up to its limit. */
    public record Image(int shiftPixels, boolean horizontalFlip, double rotationDegrees, double zoom) {

        /** No image augmentation: the settings a job spec's image part leaves out. */
        public static final Image NONE = new Image(0, false, 0, 0);

        public Image {
            Require.nonNegative("augmentation.image.shiftPixels", shiftPixels);
            Require.nonNegative("augmentation.image.rotationDegrees", rotationDegrees);
            if (rotationDegrees > 45) {
                throw new InvalidSpecException("augmentation.image.rotationDegrees must be <= 45, was " + rotationDegrees);
            }
            Require.fractionFromZero("augmentation.image.zoom", zoom);
        }

        public boolean active() {
            return shiftPixels > 0 || horizontalFlip || rotationDegrees > 0 || zoom > 0;
        }
    }
}

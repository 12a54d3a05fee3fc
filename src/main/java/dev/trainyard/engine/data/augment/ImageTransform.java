package dev.trainyard.engine.data.augment;

import dev.trainyard.engine.data.ImageShape;

/**
 * One geometric change of an image: an optional horizontal flip, then a rotation by
 * {@code degrees} and a zoom by {@code scale} about the centre, then a shift by whole pixels.
 * Each output pixel is read from the source position the inverse transform gives, with bilinear
 * interpolation; positions outside the image read as 0 (the background). Zoom above 1 enlarges
 * the centre and crops the border away.
 */
public record ImageTransform(boolean flip, double degrees, double scale, int shiftX, int shiftY) {

    public static final ImageTransform IDENTITY = new ImageTransform(false, 0, 1, 0, 0);

    /** Writes the transformed image of {@code source} into {@code target} (both raw pixel values). */
    public void apply(ImageShape shape, double[] source, double[] target) {
        int h = shape.height();
        int w = shape.width();
        int channels = shape.channels();
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // inverse: undo the shift, then the zoom and rotation about the centre, then the flip
                double dx = (x - shiftX - cx) / scale;
                double dy = (y - shiftY - cy) / scale;
                double sx = cx + cos * dx + sin * dy;
                double sy = cy - sin * dx + cos * dy;
                if (flip) {
                    sx = w - 1 - sx;
                }
                for (int c = 0; c < channels; c++) {
                    target[(y * w + x) * channels + c] = bilinear(source, shape, sx, sy, c);
                }
            }
        }
    }

    private static double bilinear(double[] image, ImageShape shape, double x, double y, int channel) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fx) * (1 - fy) * pixel(image, shape, x0, y0, channel)
                + fx * (1 - fy) * pixel(image, shape, x0 + 1, y0, channel)
                + (1 - fx) * fy * pixel(image, shape, x0, y0 + 1, channel)
                + fx * fy * pixel(image, shape, x0 + 1, y0 + 1, channel);
    }

    private static double pixel(double[] image, ImageShape shape, int x, int y, int channel) {
        if (x < 0 || y < 0 || x >= shape.width() || y >= shape.height()) {
            return 0;
        }
        return image[(y * shape.width() + x) * shape.channels() + channel];
    }
}

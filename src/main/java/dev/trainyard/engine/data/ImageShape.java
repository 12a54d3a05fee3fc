package dev.trainyard.engine.data;

/** Declares that each row is an image, pixels row-major (channel last), so image augmentation applies. */
public record ImageShape(int height, int width, int channels) {

    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new InvalidDataException("image height, width and channels must be > 0, were " + height + ", "
                    + width + ", " + channels);
        }
    }

    public int pixels() {
        return height * width * channels;
    }
}

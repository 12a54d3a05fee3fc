package dev.trainyard.engine.data;

/**
 * Data that cannot be trained on (or predicted on) as it is: too few rows or classes, rows of the wrong width,
 * values that are not finite numbers, an image shape the rows do not have. The message names the fault; fixing the
 * data, or the split that asks too much of it, fixes the run. Any other exception out of the engine is a bug (a shape
 * the engine got wrong, a corrupt checkpoint), never the data's fault.
 */
public class InvalidDataException extends IllegalArgumentException {

    public InvalidDataException(String message) {
        super(message);
    }
}

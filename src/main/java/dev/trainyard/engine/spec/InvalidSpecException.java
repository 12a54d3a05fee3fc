package dev.trainyard.engine.spec;

/** A spec value that cannot work; the message names the field and the bad value. */
public class InvalidSpecException extends IllegalArgumentException {

    public InvalidSpecException(String message) {
        super(message);
    }
}

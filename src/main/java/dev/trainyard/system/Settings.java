package dev.trainyard.system;

import java.time.Duration;

/** Checks of configuration values, so that a node refuses to start on a setting that cannot work, naming the key. */
public final class Settings {

    private Settings() {
    }

    /** {@code value} must be at least 1. */
    public static void positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
    }

    /** {@code value} must be longer than 0. */
    public static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than 0, was " + value);
        }
    }
}

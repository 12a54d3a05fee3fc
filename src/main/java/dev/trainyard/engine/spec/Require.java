package dev.trainyard.engine.spec;

import java.util.List;
import java.util.Locale;

/** Checks for spec records; every message names the field and the value it had. */
public final class Require {

    private Require() {
    }

    public static double positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidSpecException(field + " must be > 0, was " + value);
        }
        return value;
    }

    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new InvalidSpecException(field + " must be > 0, was " + value);
        }
        return value;
    }

    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidSpecException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new InvalidSpecException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** A value in the open interval (0, 1), such as a decay rate. */
    public static double fraction(String field, double value) {
        if (!(value > 0 && value < 1)) {
            throw new InvalidSpecException(field + " must be > 0 and < 1, was " + value);
        }
        return value;
    }

    /** A value in [0, 1), such as a dropout rate or a momentum coefficient that may be switched off. */
    public static double fractionFromZero(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidSpecException(field + " must be >= 0 and < 1, was " + value);
        }
        return value;
    }

    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidSpecException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    public static int atMost(String field, int value, int max) {
        if (value > max) {
            throw new InvalidSpecException(field + " must be <= " + max + ", was " + value);
        }
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidSpecException(field + " is required");
        }
        return value;
    }

    /**
     * A value as a message quotes it, cut after 40 characters: a message that names a wrong value must not grow with
     * it (the value may be as long as a request body).
     */
    public static String quoted(String value) {
        return value.length() <= 40 ? "'" + value + "'"
                : "'" + value.substring(0, 40) + "...' (" + value.length() + " characters)";
    }

    /** An enum constant as a job spec writes it: {@code SOFTMAX_CROSS_ENTROPY} is {@code softmax_cross_entropy}. */
    public static String named(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <T> List<T> list(String field, List<T> values) {
        present(field, values);
        for (int i = 0; i < values.size(); i++) {
            present(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }
}

package dev.trainyard.dataset;

/**
 * Reads a CSV cell as a double exactly as {@link Double#parseDouble} does, with a fast path for short whole
 * numbers, the commonest cells: up to 15 digits are below 2^53, so their value as a long is the double exactly.
 * Without it a file of one-digit cells cost several times more per byte than one of decimals.
 */
final class CsvNumber {

    private static final int MAX_EXACT_DIGITS = 15;

    private CsvNumber() {
    }

    /** @throws NumberFormatException as {@link Double#parseDouble} */
    static double parse(String value) {
        boolean negative = !value.isEmpty() && value.charAt(0) == '-';
        int start = negative ? 1 : 0;
        int length = value.length();
        if (length == start || length - start > MAX_EXACT_DIGITS) {
            return Double.parseDouble(value);
        }
        long whole = 0;
        for (int i = start; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return Double.parseDouble(value);
            }
            whole = whole * 10 + (c - '0');
        }
        return negative ? -(double) whole : whole;
    }
}

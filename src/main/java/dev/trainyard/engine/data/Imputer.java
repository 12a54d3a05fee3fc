package dev.trainyard.engine.data;

import java.util.Arrays;

/**
 * Fills missing raw feature values (NaN) with a value per feature fitted on the training split, and appends one 0/1
 * input for each feature marked as indicated (1 when its cell was missing), after the features. Kept with the model
 * so rows given with NaN cells are predicted on as training saw them.
 *
 * @param fill      per raw feature, the value a missing cell takes
 * @param indicated per raw feature, whether it has a missing-value indicator input
 */
public record Imputer(double[] fill, boolean[] indicated) {

    public Imputer {
        if (fill.length != indicated.length) {
            throw new IllegalArgumentException("fill and indicated need one value per feature: " + fill.length + " vs "
                    + indicated.length);
        }
        for (int i = 0; i < fill.length; i++) {
            if (!Double.isFinite(fill[i])) {
                throw new IllegalArgumentException("fill[" + i + "] must be finite, was " + fill[i]);
            }
        }
        fill = fill.clone();
        indicated = indicated.clone();
    }

    /** The raw features a row has. */
    public int features() {
        return fill.length;
    }

    /** The indicator inputs appended after the features. */
    public int indicators() {
        int count = 0;
        for (boolean i : indicated) {
            count += i ? 1 : 0;
        }
        return count;
    }

    /** The width of an imputed row: the features and then the indicators. */
    public int outputs() {
        return fill.length + indicators();
    }

    /** Writes the imputed row, {@link #outputs()} wide, into {@code into}. */
    public void apply(double[] row, double[] into) {
        int indicator = fill.length;
        for (int f = 0; f < fill.length; f++) {
            boolean missing = Double.isNaN(row[f]);
            into[f] = missing ? fill[f] : row[f];
            if (indicated[f]) {
                into[indicator++] = missing ? 1 : 0;
            }
        }
    }

    @Override
    public double[] fill() {
        return fill.clone();
    }

    @Override
    public boolean[] indicated() {
        return indicated.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Imputer i && Arrays.equals(fill, i.fill) && Arrays.equals(indicated, i.indicated);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fill) + Arrays.hashCode(indicated);
    }

    @Override
    public String toString() {
        return "Imputer" + Arrays.toString(fill) + "/" + Arrays.toString(indicated);
    }
}

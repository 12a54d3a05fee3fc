package dev.trainyard.engine.spec;

/**
 * How a dataset is divided and scaled for a run: fractions held out for validation and test
 * (stratified by class for classification), whether features are standardized with statistics of
 * the training part only, the seed of the division, what is done with missing feature values, and whether a
 * regression target is standardized for training (with the training part's mean and standard deviation; metrics,
 * predictions and the saved model stay in the target's own units). Classification ignores
 * {@code standardizeTarget}.
 */
public record SplitSpec(double validation, double test, boolean standardize, long seed, MissingValues missing,
                        boolean standardizeTarget) {

    public static final boolean DEFAULT_STANDARDIZE_TARGET = true;
    public static final SplitSpec DEFAULT = new SplitSpec(0.15, 0.15, true, 7, MissingValues.DEFAULT,
            DEFAULT_STANDARDIZE_TARGET);

    public SplitSpec {
        Require.fractionFromZero("dataset.validationSplit", validation);
        Require.fractionFromZero("dataset.testSplit", test);
        if (validation + test >= 0.9) {
            throw new InvalidSpecException("dataset.validationSplit + dataset.testSplit must leave at least 10% for "
                    + "training, were " + validation + " + " + test);
        }
        Require.present("dataset.missing", missing);
    }

    /** How many rows of a part go to training, validation and test. */
    public record Sizes(int train, int validation, int test) {
    }

    /**
     * The division of {@code rows} rows (of a whole dataset, or of one class when the split is stratified): test and
     * validation are each the fraction of the rows rounded to the nearest row, halves up; the rest trains.
     */
    public Sizes sizes(int rows) {
        int testRows = (int) Math.round(rows * test);
        int validationRows = (int) Math.round(rows * validation);
        return new Sizes(rows - testRows - validationRows, validationRows, testRows);
    }

    /** A split that treats missing values by {@link MissingValues#DEFAULT} and the target by its default. */
    public SplitSpec(double validation, double test, boolean standardize, long seed) {
        this(validation, test, standardize, seed, MissingValues.DEFAULT);
    }

    /** A split that treats the target by {@link #DEFAULT_STANDARDIZE_TARGET}. */
    public SplitSpec(double validation, double test, boolean standardize, long seed, MissingValues missing) {
        this(validation, test, standardize, seed, missing, DEFAULT_STANDARDIZE_TARGET);
    }
}

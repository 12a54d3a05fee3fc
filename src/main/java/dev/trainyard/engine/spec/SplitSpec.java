package dev.trainyard.engine.spec;

/**
 * How a dataset is divided and scaled for a run: fractions held out for validation and test
 * (stratified by class for classification), whether features are standardized with statistics of
 * the training part only, the seed of the division, and what is done with missing feature values.
 */
public record SplitSpec(double validation, double test, boolean standardize, long seed, MissingValues missing) {

    public static final SplitSpec DEFAULT = new SplitSpec(0.15, 0.15, true, 7, MissingValues.DEFAULT);

    public SplitSpec {
        Require.fractionFromZero("dataset.validationSplit", validation);
        Require.fractionFromZero("dataset.testSplit", test);
        if (validation + test >= 0.9) {
            throw new InvalidSpecException("dataset.validationSplit + dataset.testSplit must leave at least 10% for "
                    + "training, were " + validation + " + " + test);
        }
        Require.present("dataset.missing", missing);
    }

    /** A split that treats missing values by {@link MissingValues#DEFAULT}. */
    public SplitSpec(double validation, double test, boolean standardize, long seed) {
        this(validation, test, standardize, seed, MissingValues.DEFAULT);
    }
}

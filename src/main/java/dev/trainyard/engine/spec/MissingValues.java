package dev.trainyard.engine.spec;

/**
 * What a run does with empty numeric feature cells (read as NaN): refuse the dataset ({@link Strategy#ERROR}), leave
 * out the rows that have any ({@link Strategy#DROP_ROWS}, before the split), or fill each from a statistic of the
 * training split ({@link Strategy#IMPUTE}), optionally adding one 0/1 input per imputed feature that says the cell was
 * empty. An empty categorical cell is never missing here: it is one-hot encoded as all zeros under every strategy.
 */
public record MissingValues(Strategy strategy, Statistic impute, boolean indicator) {

    public enum Strategy { ERROR, DROP_ROWS, IMPUTE }

    public enum Statistic { MEAN, MEDIAN, MOST_FREQUENT }

    public static final MissingValues DEFAULT = new MissingValues(Strategy.ERROR, Statistic.MEAN, false);

    public MissingValues {
        Require.present("dataset.missing.strategy", strategy);
        Require.present("dataset.missing.impute", impute);
    }

    /** Whether the network gets an extra input per imputed feature. */
    public boolean indicates() {
        return strategy == Strategy.IMPUTE && indicator;
    }
}

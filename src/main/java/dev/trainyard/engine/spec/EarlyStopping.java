package dev.trainyard.engine.spec;

/**
 * Stop when the monitored metric has not improved by more than minDelta for patience epochs;
 * optionally go back to the weights of the best epoch.
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {

    public EarlyStopping {
        Require.present("earlyStopping.monitor", monitor);
        if (monitor.isBlank()) {
            throw new InvalidSpecException("earlyStopping.monitor must name a metric such as val_loss, was blank");
        }
        Require.positive("earlyStopping.patience", patience);
        Require.nonNegative("earlyStopping.minDelta", minDelta);
    }

    /** Losses and errors improve downwards, accuracy and R^2 upwards. */
    public boolean maximize() {
        return monitor.endsWith("accuracy") || monitor.endsWith("r2");
    }
}

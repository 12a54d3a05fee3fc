package dev.trainyard.engine.spec;

import java.util.List;

/**
 * Stop when the monitored metric has not improved by more than minDelta for patience epochs;
 * optionally go back to the weights of the best epoch.
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {

    /** Every metric an epoch can report that is worth watching; which of them a run has depends on its data. */
    public static final List<String> METRICS = List.of("val_loss", "val_accuracy", "val_mae", "val_rmse", "val_r2",
            "train_loss", "train_accuracy", "learning_rate", "grad_norm");

    /** The settings a job spec that asks for early stopping leaves out. */
    public static final EarlyStopping DEFAULT = new EarlyStopping("val_loss", 10, 0, true);

    public EarlyStopping {
        Require.present("earlyStopping.monitor", monitor);
        if (!METRICS.contains(monitor)) {
            throw new InvalidSpecException("earlyStopping.monitor must name a metric: one of " + String.join(", ", METRICS)
                    + "; was " + Require.quoted(monitor));
        }
        Require.positive("earlyStopping.patience", patience);
        Require.nonNegative("earlyStopping.minDelta", minDelta);
    }

    /** Losses and errors improve downwards, accuracy and R^2 upwards. */
    public boolean maximize() {
        return monitor.endsWith("accuracy") || monitor.endsWith("r2");
    }
}

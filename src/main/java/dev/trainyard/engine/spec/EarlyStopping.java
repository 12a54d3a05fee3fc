package dev.trainyard.engine.spec;

import java.util.ArrayList;
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

    /**
     * The metrics a run reports every epoch, and so what {@code monitor} may name: the training loss, learning rate
     * and gradient norm always, the training accuracy for classification, and with a validation split the
     * validation loss and the task's validation metrics. Submission and the trainer both ask this list.
     */
    public static List<String> reported(Task task, boolean validation) {
        List<String> names = new ArrayList<>(List.of("train_loss", "learning_rate", "grad_norm"));
        if (task == Task.CLASSIFICATION) {
            names.add("train_accuracy");
        }
        if (validation) {
            List<String> evaluated = task == Task.CLASSIFICATION ? List.of("loss", "accuracy")
                    : List.of("loss", "mae", "rmse", "r2");
            evaluated.forEach(name -> names.add("val_" + name));
        }
        return List.copyOf(names);
    }

    /**
     * Why a run of this task, with or without a validation split, never reports the monitored metric, and what to
     * watch instead (relative to earlyStopping.monitor); null when it reports it.
     */
    public String unreported(Task task, boolean validation) {
        List<String> names = reported(task, validation);
        if (names.contains(monitor)) {
            return null;
        }
        String reason;
        if (task == Task.REGRESSION && monitor.endsWith("accuracy")) {
            reason = "accuracy is reported for classification datasets, and this one is a regression";
        } else if (task == Task.CLASSIFICATION && List.of("val_mae", "val_rmse", "val_r2").contains(monitor)) {
            reason = monitor + " is reported for regression datasets, and this one is a classification";
        } else {
            reason = "there is no validation split: set dataset.validationSplit above 0, or watch a train_ metric";
        }
        return "must be one of " + String.join(", ", names) + " for this dataset, was " + Require.quoted(monitor)
                + " (" + reason + ")";
    }

    /** Losses and errors improve downwards, accuracy and R^2 upwards. */
    public boolean maximize() {
        return monitor.endsWith("accuracy") || monitor.endsWith("r2");
    }
}

package dev.trainyard.engine.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A spec checked against the dataset it trains on, as far as that is known before any row is read: from the
 * dataset's task, its classes and their rows, and whether its rows are images. Submission refuses a job with every
 * error at once and keeps the warnings; the trainer asks the same questions of the prepared data (
 * {@link ModelSpec#lossFor}, {@link EarlyStopping#unreported}, {@link Augmentation#imageMisfit}), so a check lives
 * in one place whether it runs before or during training.
 */
public final class DatasetFit {

    private DatasetFit() {
    }

    /**
     * A dataset as its profile describes it: its task, its rows, the rows of each class (empty for regression),
     * whether the rows are images, and at most how many rows preparation may still leave out before the split
     * (dataset.missing drop_rows drops each row with an empty feature cell; the profile counts cells, not rows).
     */
    public record Profile(Task task, long rows, Map<String, Long> classRows, boolean images, long droppable) {

        public Profile {
            classRows = Map.copyOf(classRows);
        }

        /** A profile whose rows all reach the split. */
        public Profile(Task task, long rows, Map<String, Long> classRows, boolean images) {
            this(task, rows, classRows, images, 0);
        }
    }

    /**
     * From this many rows on a class always keeps a training row: the split holds out less than 90% of its rows, and
     * rounding adds at most one row.
     */
    private static final int ALWAYS_TRAINS = 10;

    /**
     * What the check found: errors (the job cannot train as asked), warnings (it trains, probably not as meant), the
     * rows of the training split and the gradient steps of one epoch over them.
     */
    public record Report(List<FitNote> errors, List<FitNote> warnings, int trainRows, int stepsPerEpoch) {

        public Report {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    /** Every error and warning of {@code model} and {@code training}, split by {@code split}, on {@code dataset}. */
    public static Report check(SplitSpec split, ModelSpec model, TrainingSpec training, Profile dataset) {
        List<FitNote> errors = new ArrayList<>();
        List<FitNote> warnings = new ArrayList<>();
        int classes = dataset.classRows().size();
        SplitSpec.Sizes sizes = sizes(split, dataset);
        errors.addAll(model.misfits(dataset.task(), classes));
        if (errors.isEmpty() && dataset.task() == Task.CLASSIFICATION
                && model.resolvedLoss(dataset.task(), classes) == Loss.MEAN_SQUARED_ERROR) {
            warnings.add(new FitNote(model.loss() == Loss.AUTO ? "model.output" : "model.loss", "trains a "
                    + "classification with mean_squared_error" + (model.loss() == Loss.AUTO ? " (what output linear "
                    + "implies)" : "") + ": its gradient vanishes on confident wrong answers, so it learns classes "
                    + "slowly. Use output softmax (or sigmoid for two classes) and loss auto"));
        }
        if (training.earlyStopping() != null) {
            String unreported = training.earlyStopping().unreported(dataset.task(), sizes.validation() > 0);
            if (unreported != null) {
                errors.add(new FitNote("training.earlyStopping.monitor", unreported));
            }
        }
        String image = training.augmentation().imageMisfit(dataset.images());
        if (image != null) {
            errors.add(new FitNote("training.augmentation.image", image));
        }
        FitNote starved = starvedClasses(split, dataset);
        if (starved != null) {
            errors.add(starved);
        }
        FitNote atRisk = classesAtRisk(split, dataset);
        if (atRisk != null) {
            warnings.add(atRisk);
        }
        Batch batch = training.batch();
        if (batch.mode() == Batch.Mode.MINI_BATCH && sizes.train() > 0 && batch.size() > sizes.train()) {
            warnings.add(new FitNote("training.batch.size", batch.size() + " is more than the " + sizes.train()
                    + " rows of the training split, so every step takes the whole split (full batch, one step per "
                    + "epoch). Use a size below " + sizes.train() + " for mini-batches, or batch mode full to say so"));
        }
        return new Report(errors, warnings, sizes.train(), batch.stepsPerEpoch(sizes.train()));
    }

    /**
     * The sizes of the whole split: for classification the sum over the classes, each divided on its own (the split
     * is stratified), for regression the rows divided at once; rounded exactly as the data preparation rounds them.
     */
    public static SplitSpec.Sizes sizes(SplitSpec split, Profile dataset) {
        if (dataset.task() == Task.REGRESSION || dataset.classRows().isEmpty()) {
            return split.sizes(Math.toIntExact(Math.min(dataset.rows(), Integer.MAX_VALUE)));
        }
        int train = 0;
        int validation = 0;
        int test = 0;
        for (long rows : dataset.classRows().values()) {
            SplitSpec.Sizes part = split.sizes(Math.toIntExact(rows));
            train += part.train();
            validation += part.validation();
            test += part.test();
        }
        return new SplitSpec.Sizes(train, validation, test);
    }

    /**
     * The classes the split leaves without a training row (each class is divided on its own, so a class of few rows
     * can go wholly to validation and test), under the split field that took them; null when every class trains.
     */
    private static FitNote starvedClasses(SplitSpec split, Profile dataset) {
        if (dataset.task() != Task.CLASSIFICATION) {
            return null;
        }
        StringJoiner starved = new StringJoiner(", ");
        boolean byValidation = false;
        for (Map.Entry<String, Long> entry : new TreeMap<>(dataset.classRows()).entrySet()) {
            SplitSpec.Sizes part = split.sizes(Math.toIntExact(entry.getValue()));
            if (part.train() == 0 && entry.getValue() > 0) {
                starved.add(Require.quoted(entry.getKey()) + " (" + entry.getValue() + " rows: " + part.validation()
                        + " to validation, " + part.test() + " to test)");
                byValidation |= part.validation() > 0;
            }
        }
        if (starved.length() == 0) {
            return null;
        }
        return new FitNote(field(byValidation), "leaves class(es) "
                + starved + " out of the training split (validationSplit " + split.validation() + ", testSplit "
                + split.test() + ", each class divided on its own), so the network never learns them. Lower "
                + "dataset.validationSplit or dataset.testSplit until each class keeps a training row, or add rows of "
                + "those classes");
    }

    /**
     * The classes that keep a training row as the profile counts them but may lose it when drop_rows leaves out rows
     * before the split (which rows it drops is known only then): a class of {@code n} rows that could come down to
     * a count the split leaves without training rows. Null when no class is at risk.
     */
    private static FitNote classesAtRisk(SplitSpec split, Profile dataset) {
        if (dataset.task() != Task.CLASSIFICATION || dataset.droppable() == 0) {
            return null;
        }
        StringJoiner atRisk = new StringJoiner(", ");
        boolean byValidation = false;
        for (Map.Entry<String, Long> entry : new TreeMap<>(dataset.classRows()).entrySet()) {
            long rows = entry.getValue();
            if (split.sizes(Math.toIntExact(rows)).train() == 0) {
                continue; // refused already
            }
            for (long left = Math.max(1, rows - dataset.droppable()); left <= Math.min(rows, ALWAYS_TRAINS); left++) {
                SplitSpec.Sizes part = split.sizes((int) left);
                if (part.train() == 0) {
                    atRisk.add(Require.quoted(entry.getKey()) + " (" + rows + " rows; with " + left + " left: "
                            + part.validation() + " to validation, " + part.test() + " to test)");
                    byValidation |= part.validation() > 0;
                    break;
                }
            }
        }
        if (atRisk.length() == 0) {
            return null;
        }
        return new FitNote(field(byValidation), "may leave class(es) " + atRisk + " out of the training split: "
                + "dataset.missing drop_rows leaves out up to " + dataset.droppable() + " rows with empty cells before "
                + "the split, and which classes they belong to is known only then. Lower dataset.validationSplit or "
                + "dataset.testSplit, or impute instead of dropping");
    }

    private static String field(boolean byValidation) {
        return byValidation ? "dataset.validationSplit" : "dataset.testSplit";
    }
}

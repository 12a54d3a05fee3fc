package dev.trainyard.engine.data;

import java.util.List;

import dev.trainyard.engine.spec.Task;

/**
 * Training, validation and test splits of one dataset, ready for the engine. Validation and test
 * may be empty.
 *
 * @param classNames the class of each label index (classification); empty for regression
 * @param normalizer how raw features were standardized (identity when they were not)
 * @param image      the image shape of each row, or null for tabular data
 * @param imputer    how missing raw features were filled before standardization, or null when they were not
 * @param target     how the regression target values were standardized (one column per target), or null when
 *                   they are in their own units
 */
public record PreparedData(Task task, List<String> classNames, Split train, Split validation, Split test,
                           Normalizer normalizer, ImageShape image, Imputer imputer, Normalizer target) {

    public PreparedData(Task task, List<String> classNames, Split train, Split validation, Split test,
                        Normalizer normalizer, ImageShape image) {
        this(task, classNames, train, validation, test, normalizer, image, null, null);
    }

    public PreparedData {
        classNames = List.copyOf(classNames);
        if (train == null || train.isEmpty()) {
            throw new InvalidDataException("the training split needs at least one row");
        }
        if (task == Task.CLASSIFICATION && classNames.size() < 2) {
            throw new InvalidDataException("classification needs at least 2 classes, had " + classNames.size());
        }
        if (normalizer == null) {
            normalizer = Normalizer.identity(train.featureCount());
        }
        if (normalizer.features() != train.featureCount()) {
            throw new IllegalArgumentException("the normalizer covers " + normalizer.features() + " features, the data has "
                    + train.featureCount());
        }
        if (imputer != null && imputer.outputs() != train.featureCount()) {
            throw new IllegalArgumentException("the imputer makes " + imputer.outputs() + " inputs, the data has "
                    + train.featureCount());
        }
        if (target != null && (task != Task.REGRESSION || target.features() != train.targetWidth())) {
            throw new IllegalArgumentException("a target normalizer needs a regression with " + target.features()
                    + " target columns");
        }
        if (image != null && image.pixels() != train.featureCount()) {
            throw new InvalidDataException("an image of " + image.height() + "x" + image.width() + "x" + image.channels()
                    + " needs " + image.pixels() + " features per row, the data has " + train.featureCount());
        }
    }

    public int classes() {
        return classNames.size();
    }

    public int featureCount() {
        return train.featureCount();
    }
}

package dev.trainyard.dataset;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.data.LabeledData;

/**
 * How a dataset's raw columns became a network's inputs, kept with every model trained on it so that raw rows can be
 * predicted on after the dataset is gone: the features in CSV order, each numeric (one input) or categorical (one input
 * per category, one-hot over {@code categories}, in that order), and the target. {@code checksum} is the dataset's
 * SHA-256, so a model names exactly what it learned from.
 */
public record FeatureEncoding(String dataset, String checksum, String target, List<Feature> features) {

    /** One raw column; {@code categories} is null for a numeric one. */
    public record Feature(String name, List<String> categories) {

        public Feature {
            categories = categories == null ? null : List.copyOf(categories);
        }

        public boolean categorical() {
            return categories != null;
        }

        /** The inputs this column becomes. */
        public int width() {
            return categories == null ? 1 : categories.size();
        }
    }

    public FeatureEncoding {
        features = List.copyOf(features);
    }

    /** The network's input width. */
    public int inputs() {
        return features.stream().mapToInt(Feature::width).sum();
    }

    /**
     * The encoding of {@code data}, read from its feature names ({@code column} for a numeric column,
     * {@code column=value} per category, as {@link LabeledDataCollector} names them) along the dataset's columns.
     */
    static FeatureEncoding of(DatasetResponse dataset, LabeledData data) {
        List<String> names = data.featureNames();
        List<Feature> features = new ArrayList<>();
        int at = 0;
        for (DatasetSchema.Column column : dataset.schema().columnStats()) {
            if (column.target()) {
                continue;
            }
            if (!"categorical".equals(column.type())) {
                features.add(new Feature(column.name(), null));
                at++;
                continue;
            }
            List<String> categories = new ArrayList<>();
            String prefix = column.name() + "=";
            while (at < names.size() && names.get(at).startsWith(prefix)
                    && categories.size() < column.categories()) {
                categories.add(names.get(at++).substring(prefix.length()));
            }
            features.add(new Feature(column.name(), categories));
        }
        FeatureEncoding encoding = new FeatureEncoding(dataset.id(), dataset.checksum(), dataset.target(), features);
        if (encoding.inputs() != data.featureCount()) {
            throw new IllegalStateException("the dataset's columns give " + encoding.inputs() + " inputs, its rows "
                    + data.featureCount());
        }
        return encoding;
    }
}

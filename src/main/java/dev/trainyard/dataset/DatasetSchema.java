package dev.trainyard.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.engine.spec.Task;

/**
 * What an uploaded or built-in dataset holds: its size, each column with its type and summary
 * statistics, the target and the task, and for classification the rows per class.
 */
record DatasetSchema(long rows, int columns, String target, Task task, List<Column> columnStats,
                     Map<String, Long> classBalance) {

    /**
     * The width of the network's input: a numeric feature is one input, a categorical one an input per category
     * (one-hot over its distinct non-empty values, as {@link LabeledDataCollector} encodes it); the target is none.
     * Image pixels are numeric columns, one input each.
     */
    int inputs() {
        int inputs = 0;
        for (Column column : columnStats) {
            if (!column.target()) {
                inputs += "categorical".equals(column.type()) ? column.categories() : 1;
            }
        }
        return inputs;
    }

    /**
     * The numeric feature columns that have empty cells, in column order, with how many each has. Empty categorical
     * cells are not among them: they are encoded as all-zero one-hot.
     */
    Map<String, Long> missingNumericFeatures() {
        Map<String, Long> missing = new LinkedHashMap<>();
        for (Column column : columnStats) {
            if (!column.target() && "numeric".equals(column.type()) && column.missing() > 0) {
                missing.put(column.name(), column.missing());
            }
        }
        return missing;
    }

    /**
     * One column: numeric columns have min, max and mean; categorical ones (declared features, and the
     * target of a classification) the number of distinct values.
     */
    record Column(String name, String type, boolean target, Double min, Double max, Double mean, long missing,
                  Integer categories) {
    }
}

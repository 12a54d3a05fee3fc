package dev.trainyard.dataset;

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
     * One column: numeric columns have min, max and mean; categorical ones (declared features, and the
     * target of a classification) the number of distinct values.
     */
    record Column(String name, String type, boolean target, Double min, Double max, Double mean, long missing,
                  Integer categories) {
    }
}

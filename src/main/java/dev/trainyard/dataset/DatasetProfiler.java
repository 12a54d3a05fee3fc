package dev.trainyard.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.trainyard.engine.spec.Task;
import dev.trainyard.system.ProblemType;

/**
 * Checks a CSV as it streams by and gathers its schema, holding per-column running statistics and
 * the class counts, never the rows. Features must be numbers (or empty, counted as missing) unless
 * declared categorical, where the distinct values are kept instead (at most {@code max-categories} per column and
 * {@code max-categories-total} in all, so their memory is bounded too); the
 * target is the named column, or the last one. The task is classification when asked, or when the
 * target is not numeric or has at most {@value #MAX_CLASSES_FOR_INFERENCE} distinct whole values.
 */
final class DatasetProfiler implements CsvReader.Rows {

    static final int MAX_CLASSES_FOR_INFERENCE = 20;
    private static final int MAX_CLASSES = 1000;
    /** The length of the dataset table's target column. */
    private static final int MAX_TARGET_NAME_CHARS = 200;

    private final String requestedTarget;
    private final Task requestedTask;
    private final Set<String> categorical;
    private final DatasetLimits limits;
    private List<Set<String>> categories;
    private int categoryCount;
    private List<String> names;
    private int target;
    private double[] min;
    private double[] max;
    private double[] sum;
    private long[] missing;
    private long rows;
    private boolean targetNumeric = true;
    private boolean targetWhole = true;
    private final Map<String, Long> classes = new TreeMap<>();

    DatasetProfiler(String target, Task task, DatasetLimits limits) {
        this(target, task, Set.of(), limits);
    }

    /** @param categorical feature columns holding categories rather than numbers */
    DatasetProfiler(String target, Task task, Set<String> categorical, DatasetLimits limits) {
        this.requestedTarget = target == null || target.isBlank() ? null : target.strip();
        this.requestedTask = task;
        this.categorical = Set.copyOf(categorical);
        this.limits = limits;
    }

    @Override
    public void header(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new DatasetException("Column " + (i + 1) + " of the header has no name. Give every column a name.");
            }
            if (!seen.add(name)) {
                throw new DatasetException("The header names column '" + name + "' twice. Make column names unique.");
            }
        }
        if (header.size() < 2) {
            throw new DatasetException("The file has " + header.size() + " column; it needs at least one feature "
                    + "and a target (is the separator a comma?).");
        }
        names = List.copyOf(header);
        target = requestedTarget == null ? header.size() - 1 : header.indexOf(requestedTarget);
        if (target < 0) {
            throw new DatasetException("The target column '" + requestedTarget + "' is not in the header. The columns are: "
                    + String.join(", ", header) + ".");
        }
        if (header.get(target).length() > MAX_TARGET_NAME_CHARS) {
            throw new DatasetException("The target column's name is longer than " + MAX_TARGET_NAME_CHARS
                    + " characters. Give it a shorter name.");
        }
        for (String column : categorical) {
            if (!header.contains(column)) {
                throw new DatasetException("The categorical column '" + column + "' is not in the header. The columns "
                        + "are: " + String.join(", ", header) + ".");
            }
            if (header.indexOf(column) == target) {
                throw new DatasetException("Column '" + column + "' is the target; list only feature columns as "
                        + "categorical.");
            }
        }
        int n = header.size();
        categories = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            categories.add(categorical.contains(header.get(i)) ? new TreeSet<>() : null);
        }
        min = new double[n];
        max = new double[n];
        sum = new double[n];
        missing = new long[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    @Override
    public void row(long line, List<String> fields) {
        if (++rows > limits.maxRows()) {
            throw new DatasetException(ProblemType.PAYLOAD_TOO_LARGE, "The file has more than " + limits.maxRows()
                    + " rows, the limit (trainyard.datasets.max-rows).");
        }
        for (int c = 0; c < fields.size(); c++) {
            String value = fields.get(c);
            if (c == target) {
                target(line, value);
            } else if (value.isEmpty()) {
                missing[c]++;
            } else if (categories.get(c) != null) {
                category(c, value);
            } else {
                feature(c, line, value);
            }
        }
    }

    private void feature(int column, long line, String value) {
        double number;
        try {
            number = CsvNumber.parse(value);
        } catch (NumberFormatException notANumber) {
            throw new DatasetException("Column '" + names.get(column) + "' holds '" + shorten(value) + "' on line " + line
                    + ", which is not a number. Features must be numbers (empty cells count as missing).");
        }
        if (!Double.isFinite(number)) {
            throw new DatasetException("Column '" + names.get(column) + "' holds " + value + " on line " + line
                    + ". Features must be finite numbers.");
        }
        min[column] = Math.min(min[column], number);
        max[column] = Math.max(max[column], number);
        sum[column] += number;
    }

    private void category(int column, String value) {
        Set<String> seen = categories.get(column);
        if (!seen.add(value)) {
            return;
        }
        if (seen.size() > limits.maxCategories()) {
            throw new DatasetException("The categorical column '" + names.get(column) + "' has more than "
                    + limits.maxCategories() + " categories (trainyard.datasets.max-categories); one-hot encoding it "
                    + "would make too many features.");
        }
        if (++categoryCount > limits.maxCategoriesTotal()) {
            throw new DatasetException("The categorical columns have more than " + limits.maxCategoriesTotal()
                    + " categories together (trainyard.datasets.max-categories-total); one-hot encoding them would "
                    + "make too many features. Declare fewer columns categorical.");
        }
    }

    private void target(long line, String value) {
        if (value.isEmpty()) {
            throw new DatasetException("The target column '" + names.get(target) + "' is empty on line " + line
                    + ". Every row needs a target.");
        }
        if (targetNumeric) {
            try {
                double number = CsvNumber.parse(value);
                targetWhole &= number == Math.rint(number);
                min[target] = Math.min(min[target], number);
                max[target] = Math.max(max[target], number);
                sum[target] += number;
            } catch (NumberFormatException categorical) {
                targetNumeric = false;
            }
        }
        if (classes.size() <= MAX_CLASSES || classes.containsKey(value)) {
            classes.merge(value, 1L, Long::sum);
        }
    }

    /** The schema after the last row, or the reason the data cannot train. */
    DatasetSchema schema() {
        if (rows < limits.minRows()) {
            throw new DatasetException("The file has " + rows + " data rows; at least " + limits.minRows()
                    + " are needed to train and evaluate a model.");
        }
        Task task = task();
        if (task == Task.CLASSIFICATION && classes.size() < 2) {
            throw new DatasetException("The target column '" + names.get(target) + "' has a single class ("
                    + classes.keySet().iterator().next() + "): a classifier needs at least two.");
        }
        if (task == Task.CLASSIFICATION && classes.size() > MAX_CLASSES) {
            throw new DatasetException("The target column '" + names.get(target) + "' has more than " + MAX_CLASSES
                    + " classes. Is it a regression target? Upload it with task=regression.");
        }
        if (task == Task.REGRESSION && !targetNumeric) {
            throw new DatasetException("Task regression needs a numeric target, but column '" + names.get(target)
                    + "' holds text. Upload it with task=classification or choose another target.");
        }
        List<DatasetSchema.Column> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            boolean isTarget = c == target;
            boolean numeric = isTarget ? task == Task.REGRESSION : categories.get(c) == null;
            long present = rows - missing[c];
            Integer distinct = isTarget && !numeric ? Integer.valueOf(classes.size())
                    : categories.get(c) == null ? null : categories.get(c).size();
            columns.add(new DatasetSchema.Column(names.get(c), numeric ? "numeric" : "categorical", isTarget,
                    numeric && present > 0 ? min[c] : null, numeric && present > 0 ? max[c] : null,
                    numeric && present > 0 ? sum[c] / present : null, missing[c], distinct));
        }
        return new DatasetSchema(rows, names.size(), names.get(target), task, columns,
                task == Task.CLASSIFICATION ? Map.copyOf(classes) : Map.of());
    }

    private Task task() {
        if (requestedTask != null) {
            return requestedTask;
        }
        boolean fewWholeValues = targetWhole && classes.size() <= MAX_CLASSES_FOR_INFERENCE;
        return !targetNumeric || fewWholeValues ? Task.CLASSIFICATION : Task.REGRESSION;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}

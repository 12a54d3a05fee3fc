package dev.trainyard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * Turns raw rows into a model's inputs exactly as its dataset was encoded for training: a numeric column is one input,
 * a categorical one is one-hot over the categories seen in training (an empty cell, all zeros, as in training). Every
 * mistake is recorded under where it is ({@code rows[3].petal_width}, {@code line 5, column 'color'}) and the row is
 * then not predicted. A model trained before encodings were kept takes its encoded inputs as numbers only.
 */
final class RowEncoder {

    private static final int SHOWN_CATEGORIES = 20;

    /** Where a row's column is, for a problem about it; only built when there is one. */
    private interface Where {
        String at(int column);
    }

    private final FeatureEncoding encoding;
    private final int inputs;
    private final boolean imputes;
    private final List<String> columns;

    /**
     * @param inputs  the raw encoded width the model takes (before any missing-value indicators)
     * @param imputes whether the model fills a missing numeric value (it was trained with dataset.missing impute):
     *                then an empty cell is sent on as NaN, otherwise it is refused
     */
    RowEncoder(FeatureEncoding encoding, int inputs, boolean imputes) {
        this.encoding = encoding;
        this.inputs = inputs;
        this.imputes = imputes;
        if (encoding == null) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                names.add("input" + i);
            }
            this.columns = List.copyOf(names);
        } else {
            this.columns = encoding.features().stream().map(FeatureEncoding.Feature::name).toList();
        }
    }

    /** The raw columns a row names, in order; for a model without an encoding, {@code input0...}. */
    List<String> columns() {
        return columns;
    }

    /** The target's column, which a row may carry (it is ignored); null for a model without an encoding. */
    String target() {
        return encoding == null ? null : encoding.target();
    }

    /** A JSON object keyed by raw column names. */
    double[] object(JsonNode row, String at, List<FieldProblem> problems) {
        if (!row.isObject()) {
            problems.add(new FieldProblem(at, "must be an object keyed by column name, such as {\"" + columns().get(0)
                    + "\": ...}"));
            return null;
        }
        int before = problems.size();
        for (String name : row.propertyNames()) {
            if (!columns().contains(name) && !name.equals(target())) {
                problems.add(new FieldProblem(at + "." + name, "is not a column of this model; it takes "
                        + String.join(", ", columns())));
            }
        }
        double[] encoded = new double[inputs];
        List<String> names = columns();
        Where where = c -> at + "." + names.get(c);
        for (int c = 0, offset = 0; c < names.size(); offset += width(c), c++) {
            JsonNode value = row.get(names.get(c));
            if (value == null) {
                problems.add(new FieldProblem(where.at(c), "is missing; every row needs every column the model "
                        + "takes: " + String.join(", ", names)));
            } else {
                json(c, value, where, encoded, offset, problems);
            }
        }
        return problems.size() == before ? encoded : null;
    }

    /** A JSON array of the raw columns in order. */
    double[] array(JsonNode row, String at, List<FieldProblem> problems) {
        List<String> names = columns();
        if (!row.isArray() || row.size() != names.size()) {
            problems.add(new FieldProblem(at, "must be an array of " + names.size() + " values, one per column in "
                    + "order: " + String.join(", ", names) + (row.isArray() ? "; had " + row.size() : "")));
            return null;
        }
        int before = problems.size();
        double[] encoded = new double[inputs];
        Where where = c -> at + "[" + c + "]";
        for (int c = 0, offset = 0; c < names.size(); offset += width(c), c++) {
            json(c, row.get(c), where, encoded, offset, problems);
        }
        return problems.size() == before ? encoded : null;
    }

    /** A CSV record whose column {@code c} is at {@code positions[c]} among its fields. */
    double[] fields(List<String> fields, int[] positions, long line, List<FieldProblem> problems) {
        int before = problems.size();
        double[] encoded = new double[inputs];
        List<String> names = columns();
        Where where = c -> "line " + line + ", column '" + names.get(c) + "'";
        for (int c = 0, offset = 0; c < names.size(); offset += width(c), c++) {
            String cell = positions[c] < fields.size() ? fields.get(positions[c]) : "";
            put(c, new Value(cell.strip(), cell.isBlank(), false), where, encoded, offset, problems);
        }
        return problems.size() == before ? encoded : null;
    }

    /** A cell as text, whether it was empty, and whether it was a JSON string (never a number then). */
    private record Value(String text, boolean empty, boolean quoted) {
    }

    /** A JSON value: a number for a numeric column is taken as it is, anything else is read as its text. */
    private void json(int column, JsonNode value, Where where, double[] into, int offset, List<FieldProblem> problems) {
        boolean numeric = encoding == null || !encoding.features().get(column).categorical();
        if (numeric && value.isNumber()) {
            double number = value.asDouble();
            if (Double.isFinite(number)) {
                into[offset] = number;
            } else {
                problems.add(new FieldProblem(where.at(column), "must be a finite number, was " + clip(value.toString())));
            }
            return;
        }
        Value text;
        if (value.isNull()) {
            text = new Value("", true, false);
        } else if (value.isString()) {
            text = new Value(value.asString(), false, true);
        } else if (value.isNumber()) {
            text = new Value(value.isIntegralNumber() ? value.asString() : Double.toString(value.asDouble()), false,
                    false);
        } else {
            text = new Value(value.toString(), false, true);
        }
        put(column, text, where, into, offset, problems);
    }

    private int width(int column) {
        return encoding == null ? 1 : encoding.features().get(column).width();
    }

    private void put(int column, Value value, Where where, double[] into, int offset, List<FieldProblem> problems) {
        FeatureEncoding.Feature feature = encoding == null ? null : encoding.features().get(column);
        if (feature != null && feature.categorical()) {
            if (value.empty()) {
                return; // as in training: an empty category is all zeros
            }
            int index = feature.categories().indexOf(value.text());
            if (index < 0) {
                problems.add(new FieldProblem(where.at(column), "'" + clip(value.text()) + "' is a category the model "
                        + "never saw in "
                        + "training; known: " + known(feature.categories())));
                return;
            }
            into[offset + index] = 1;
            return;
        }
        if (value.empty() && imputes) {
            into[offset] = Double.NaN; // the model's imputer fills it, as in training
        } else if (value.empty()) {
            problems.add(new FieldProblem(where.at(column), "has no value, and this model was trained without missing "
                    + "values (train with dataset.missing.strategy impute to predict on rows with empty cells)"));
        } else if (value.quoted() || !isDecimal(value.text())) {
            problems.add(new FieldProblem(where.at(column), "must be a number, was " + (value.quoted() ? "the text " : "")
                    + "'" + clip(value.text()) + "'" + (isNonFinite(value.text()) ? " (NaN and Infinity cannot be "
                    + "predicted on)" : "")));
        } else {
            double number = Double.parseDouble(value.text());
            if (!Double.isFinite(number)) {
                problems.add(new FieldProblem(where.at(column), "must be a finite number, was " + clip(value.text())));
            } else {
                into[offset] = number;
            }
        }
    }

    /**
     * Whether {@code text} is a decimal number as CSV cells and JSON write them, {@code [+-]?(d+.?d*|.d+)([eE][+-]?d+)?}:
     * no NaN, Infinity, hex, type suffix or blank, all of which {@link Double#parseDouble} would take.
     */
    static boolean isDecimal(String text) {
        int n = text.length();
        int i = n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        int whole = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        boolean digits = i > whole;
        if (i < n && text.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            digits |= i > fraction;
        }
        if (!digits) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNonFinite(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("nan") || t.contains("inf");
    }

    private static String known(List<String> categories) {
        List<String> shown = categories.subList(0, Math.min(SHOWN_CATEGORIES, categories.size()));
        return String.join(", ", shown) + (categories.size() > shown.size() ? " and " + (categories.size()
                - shown.size()) + " more" : "");
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}

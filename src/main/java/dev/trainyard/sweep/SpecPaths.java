package dev.trainyard.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sets a value at a path such as {@code model.layers[1].rate} in a job spec tree. Objects on the way are created when
 * missing (a template may leave {@code training.regularization} to its defaults); list elements must exist.
 */
public final class SpecPaths {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private SpecPaths() {
    }

    /** A copy of {@code spec} with {@code value} at {@code path}; IllegalArgumentException says why it cannot be. */
    public static ObjectNode with(ObjectNode spec, String path, JsonNode value) {
        ObjectNode copy = spec.deepCopy();
        List<Object> steps = steps(path);
        JsonNode at = copy;
        for (int i = 0; i < steps.size() - 1; i++) {
            at = step(at, steps.get(i), steps.get(i + 1) instanceof String, path);
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String field && at instanceof ObjectNode object) {
            object.set(field, value);
        } else if (last instanceof Integer index && at instanceof ArrayNode list && index < list.size()) {
            list.set(index, value);
        } else {
            throw new IllegalArgumentException("'" + path + "' does not lead to a field or list element of the template's spec");
        }
        return copy;
    }

    private static JsonNode step(JsonNode at, Object step, boolean nextIsField, String path) {
        if (step instanceof String field) {
            if (!at.isObject()) {
                throw new IllegalArgumentException("'" + path + "' goes through '" + field + "', which is not inside an "
                        + "object in the template");
            }
            JsonNode next = at.get(field);
            if (next == null || next.isNull()) {
                if (!nextIsField) {
                    throw new IllegalArgumentException("'" + path + "' indexes '" + field + "', which the template does "
                            + "not have");
                }
                next = ((ObjectNode) at).putObject(field);
            }
            return next;
        }
        int index = (Integer) step;
        if (!at.isArray() || index >= at.size()) {
            throw new IllegalArgumentException("'" + path + "' needs element " + index + ", but the template's list has "
                    + (at.isArray() ? at.size() : 0) + " element(s)");
        }
        return at.get(index);
    }

    /** Field names as strings and list indices as integers. */
    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher segment = SEGMENT.matcher(part);
            if (!segment.matches()) {
                throw new IllegalArgumentException("'" + path + "' is not a spec path like model.layers[0].units");
            }
            steps.add(segment.group(1));
            Matcher index = INDEX.matcher(segment.group(2));
            while (index.find()) {
                steps.add(Integer.parseInt(index.group(1)));
            }
        }
        return steps;
    }
}

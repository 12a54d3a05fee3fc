package dev.trainyard.job;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Require;
import tools.jackson.databind.JsonNode;

/**
 * Reads a dense layer's {@code init}, the one free-form field of a spec: a scheme's name ({@code "he"}), or an object
 * with its {@code type} and at most the one parameter of that scheme ({@code {"type": "normal", "std": 0.01}}).
 * Anything else is refused, naming the field and the allowed values, rather than stored with the job.
 */
final class InitReader {

    /** The schemes by the names users write; every permitted init record is one of them. */
    static final List<String> TYPES = List.of("he", "xavier", "zeros", "normal", "uniform", "constant");
    /** The parameter each scheme takes; the others take none. */
    private static final Map<String, String> PARAMETER = Map.of("normal", "std", "uniform", "limit", "constant", "value");
    private static final String ALLOWED = "he, xavier, zeros, normal (std), uniform (limit) or constant (value)";

    private InitReader() {
    }

    /** The scheme at {@code path}, the activation's default when absent; null after recording why it is invalid. */
    static Init read(JsonNode init, Activation activation, String path, SpecProblems problems) {
        if (init == null || init.isNull()) {
            return Init.forActivation(activation == null ? LayerSpec.Dense.DEFAULT_ACTIVATION : activation);
        }
        if (init.isString()) {
            String type = type(init.asString(), path, problems);
            return type == null ? null : problems.attempt(path, () -> Init.of(type, Map.of()));
        }
        if (!init.isObject()) {
            problems.add(path, "must be the name of a scheme (" + ALLOWED + ") or an object such as {\"type\": "
                    + "\"normal\", \"std\": 0.01}; was a JSON " + init.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        return object(init, path, problems);
    }

    private static Init object(JsonNode init, String path, SpecProblems problems) {
        JsonNode named = init.path("type");
        if (!named.isString()) {
            problems.add(path + ".type", "is required: a string, one of " + ALLOWED);
            return null;
        }
        String type = type(named.asString(), path + ".type", problems);
        if (type == null) {
            return null;
        }
        String parameter = PARAMETER.get(type);
        boolean valid = true;
        for (Map.Entry<String, JsonNode> field : init.properties()) {
            String name = field.getKey();
            if (!name.equals("type") && !name.equals(parameter)) {
                problems.add(path + "." + name, "unknown field for init " + type + "; allowed: type"
                        + (parameter == null ? "" : ", " + parameter));
                valid = false;
            } else if (name.equals(parameter) && !field.getValue().isNumber()) {
                problems.add(path + "." + name, "must be a number");
                valid = false;
            }
        }
        if (!valid) {
            return null;
        }
        Map<String, Double> parameters = parameter == null || !init.has(parameter) ? Map.of()
                : Map.of(parameter, init.get(parameter).asDouble());
        return problems.attempt(path, () -> Init.of(type, parameters));
    }

    private static String type(String value, String path, SpecProblems problems) {
        String type = value.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            problems.add(path, "must be one of " + ALLOWED + "; was " + Require.quoted(value));
            return null;
        }
        return type;
    }
}

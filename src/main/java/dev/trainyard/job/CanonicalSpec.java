package dev.trainyard.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job spec in canonical form (fields sorted, absent and null fields left out), its SHA-256, and
 * its hyperparameters flattened to paths such as {@code training.optimizer.learningRate}.
 */
final class CanonicalSpec {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private CanonicalSpec() {
    }

    static String json(JobSpec spec) {
        return CANONICAL.writeValueAsString(sorted(CANONICAL.valueToTree(spec)));
    }

    static String hash(String canonicalJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Leaf values by path: numbers as Double, everything else as text. */
    static Map<String, Object> flatten(String canonicalJson) {
        Map<String, Object> params = new LinkedHashMap<>();
        flatten(CANONICAL.readTree(canonicalJson), "", params);
        return params;
    }

    private static void flatten(JsonNode node, String path, Map<String, Object> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), path + "[" + i + "]", into);
            }
        } else if (node.isNumber()) {
            into.put(path, node.asDouble());
        } else if (!node.isNull()) {
            into.put(path, node.asString());
        }
    }

    /** Objects inside free-form fields (a layer's init) sorted too, so the hash ignores key order. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            var object = CANONICAL.createObjectNode();
            fields.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            var array = CANONICAL.createArrayNode();
            for (Iterator<JsonNode> it = node.iterator(); it.hasNext();) {
                array.add(sorted(it.next()));
            }
            return array;
        }
        return node;
    }
}

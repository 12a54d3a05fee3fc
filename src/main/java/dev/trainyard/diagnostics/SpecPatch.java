package dev.trainyard.diagnostics;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trainyard.engine.diagnose.Change;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a finding's changes into one RFC 7396 JSON Merge Patch of the spec a user sent: the changes are made to a copy
 * of that spec, and the patch is what differs, built as RFC 7396 reads it (objects member by member, anything else,
 * arrays included, whole). A change to one layer therefore patches the whole {@code layers} array, as a merge patch
 * must; applied to the spec it gives exactly the changed spec.
 */
final class SpecPatch {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private SpecPatch() {
    }

    /** The patch, or null when the changes change nothing (or there are none). */
    static JsonNode of(JsonNode sent, List<Change> changes, JsonMapper json) {
        if (changes.isEmpty()) {
            return null;
        }
        JsonNode changed = sent.deepCopy();
        for (Change change : changes) {
            set((ObjectNode) changed, change.path(), json.valueToTree(change.value()));
        }
        JsonNode patch = diff(sent, changed, json);
        return patch == null || patch.isEmpty() ? null : patch;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode at = root;
        for (int s = 0; s < segments.length; s++) {
            Matcher m = SEGMENT.matcher(segments[s]);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a spec path: " + path);
            }
            String name = m.group(1);
            List<Integer> indexes = INDEX.matcher(m.group(2)).results().map(r -> Integer.parseInt(r.group(1))).toList();
            boolean last = s == segments.length - 1;
            ObjectNode object = (ObjectNode) at;
            if (indexes.isEmpty()) {
                if (last) {
                    object.set(name, value);
                    return;
                }
                JsonNode next = object.get(name);
                if (next == null || !next.isObject()) {
                    next = object.putObject(name);
                }
                at = next;
                continue;
            }
            JsonNode element = object.get(name);
            for (int i = 0; i < indexes.size(); i++) {
                if (!(element instanceof ArrayNode array) || indexes.get(i) >= array.size()) {
                    throw new IllegalArgumentException("the spec has no " + path);
                }
                if (last && i == indexes.size() - 1) {
                    array.set(indexes.get(i), value);
                    return;
                }
                element = array.get(indexes.get(i));
            }
            at = element;
        }
    }

    /** The merge patch that turns {@code from} into {@code to} (null when they are equal). */
    static JsonNode diff(JsonNode from, JsonNode to, JsonMapper json) {
        if (from.equals(to)) {
            return null;
        }
        if (!from.isObject() || !to.isObject()) {
            return to;
        }
        ObjectNode patch = json.createObjectNode();
        for (Map.Entry<String, JsonNode> member : to.properties()) {
            JsonNode before = from.get(member.getKey());
            if (before == null) {
                patch.set(member.getKey(), member.getValue());
            } else {
                JsonNode inner = diff(before, member.getValue(), json);
                if (inner != null) {
                    patch.set(member.getKey(), inner);
                }
            }
        }
        for (Map.Entry<String, JsonNode> member : from.properties()) {
            if (!to.has(member.getKey())) {
                patch.putNull(member.getKey());
            }
        }
        return patch;
    }
}

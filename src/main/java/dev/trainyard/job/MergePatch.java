package dev.trainyard.job;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396): a patch object names the members to change, a {@code null} member removes one, any
 * other value replaces it (arrays whole, never element by element), and an object merges into an object recursively.
 * A patch that is not an object replaces the whole target.
 *
 * <p>Written by hand after the pseudo-code of RFC 7396 section 2, because no maintained JSON Merge Patch library
 * exists for Jackson 3 ({@code tools.jackson.*}, the Jackson this project uses); {@code MergePatchTest} holds it to
 * every example of the RFC's Appendix A. Neither argument is changed: the result is a new tree.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /**
     * {@code patch} applied to {@code target}; a null or missing target is treated as absent, as a member the patch
     * adds. Recursion follows the patch's depth, which the request parser bounds.
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null) {
            throw new IllegalArgumentException("a merge patch is a JSON value; JSON null is NullNode");
        }
        return merge(target == null || target.isMissingNode() ? null : target.deepCopy(), patch);
    }

    /** RFC 7396 section 2's MergePatch(Target, Patch); {@code target} is a copy, changed in place. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target
                : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}

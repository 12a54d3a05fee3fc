package dev.trainyard.job;

import static java.util.Objects.requireNonNullElse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Require;

/**
 * Builds the engine's layers from a spec's, each mistake recorded under its path ({@code model.layers[2].units}). A
 * layer may carry only the fields of its type: a field that does not apply is refused, not stored unread (a dense
 * layer's {@code layers} could otherwise hold any number of layers that are never checked).
 */
final class LayerMapper {

    /** The fields each type of layer takes, besides {@code type}. */
    private static final Map<String, Set<String>> FIELDS = Map.of("dense", Set.of("units", "activation", "alpha", "init"),
            "batch_norm", Set.of("momentum", "epsilon"), "dropout", Set.of("rate"), "residual", Set.of("layers"));
    /** The layer types by the names users write; every permitted layer record is one of them. */
    static final List<String> TYPES = List.of("dense", "batch_norm", "dropout", "residual");

    private final SpecProblems problems;

    LayerMapper(SpecProblems problems) {
        this.problems = problems;
    }

    /** The layers at {@code path}, or null when any is invalid. */
    List<LayerSpec> layers(List<JobSpec.LayerPart> parts, String path) {
        List<LayerSpec> layers = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < parts.size(); i++) {
            LayerSpec layer = layer(parts.get(i), path + "[" + i + "]");
            complete &= layer != null;
            layers.add(layer);
        }
        return complete ? layers : null;
    }

    private LayerSpec layer(JobSpec.LayerPart part, String path) {
        if (part == null || part.type() == null) {
            problems.add(path + ".type", "is required: " + String.join(", ", TYPES));
            return null;
        }
        String type = part.type().strip().toLowerCase(Locale.ROOT);
        if (!FIELDS.containsKey(type)) {
            problems.add(path + ".type", "must be one of " + String.join(", ", TYPES) + "; was " + Require.quoted(part.type()));
            return null;
        }
        if (!onlyItsFields(part, type, path)) {
            return null;
        }
        return switch (type) {
            case "dense" -> dense(part, path);
            case "batch_norm" -> problems.attempt(path, () -> new LayerSpec.BatchNorm(
                    requireNonNullElse(part.momentum(), LayerSpec.BatchNorm.DEFAULT.momentum()),
                    requireNonNullElse(part.epsilon(), LayerSpec.BatchNorm.DEFAULT.epsilon())));
            case "dropout" -> dropout(part, path);
            default -> residual(part, path);
        };
    }

    private LayerSpec dense(JobSpec.LayerPart part, String path) {
        Activation activation = problems.choice(path + ".activation", part.activation(), Activation.class,
                LayerSpec.Dense.DEFAULT_ACTIVATION);
        Init init = InitReader.read(part.init(), activation, path + ".init", problems);
        if (part.units() == null) {
            problems.add(path + ".units", "is required for a dense layer");
            return null;
        }
        return activation == null || init == null ? null : problems.attempt(path, () -> new LayerSpec.Dense(part.units(),
                activation, requireNonNullElse(part.alpha(), LayerSpec.Dense.DEFAULT_LEAKY_SLOPE), init));
    }

    private LayerSpec dropout(JobSpec.LayerPart part, String path) {
        if (part.rate() == null) {
            problems.add(path + ".rate", "is required for a dropout layer, e.g. 0.2");
            return null;
        }
        return problems.attempt(path, () -> new LayerSpec.Dropout(part.rate()));
    }

    private LayerSpec residual(JobSpec.LayerPart part, String path) {
        if (part.layers() == null || part.layers().isEmpty()) {
            problems.add(path + ".layers", "a residual block needs at least one layer");
            return null;
        }
        List<LayerSpec> inner = layers(part.layers(), path + ".layers");
        return inner == null ? null : problems.attempt(path, () -> new LayerSpec.Residual(inner));
    }

    private boolean onlyItsFields(JobSpec.LayerPart part, String type, String path) {
        boolean only = true;
        for (Map.Entry<String, Object> field : given(part).entrySet()) {
            if (!FIELDS.get(type).contains(field.getKey())) {
                problems.add(path + "." + field.getKey(), "does not apply to a " + type + " layer, which takes type, "
                        + String.join(", ", FIELDS.get(type).stream().sorted().toList()));
                only = false;
            }
        }
        return only;
    }

    /** The fields a layer was sent with, by name. */
    private static Map<String, Object> given(JobSpec.LayerPart part) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("units", part.units());
        fields.put("activation", part.activation());
        fields.put("alpha", part.alpha());
        fields.put("init", part.init() == null || part.init().isNull() ? null : part.init());
        fields.put("rate", part.rate());
        fields.put("momentum", part.momentum());
        fields.put("epsilon", part.epsilon());
        fields.put("layers", part.layers());
        fields.values().removeIf(Objects::isNull);
        return fields;
    }
}

package dev.trainyard.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.trainyard.engine.data.Imputer;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;

/**
 * A trained model as a portable JSON document: format and version, task, loss, widths, class
 * names, the architecture in the job spec's own shape, the normalizer, the imputer and the target's normalizer (at
 * full precision; the last two are null when the model has none), and
 * the weights and batch-norm statistics as float arrays in the engine's flat layout. Reading checks every field
 * and says which one is wrong.
 */
public final class ModelDocument {

    static final String FORMAT = "trainyard-model";
    /**
     * Version 2 added the imputer and the target's normalizer (each null when the model has none); a version 1
     * document is read as a model without either.
     */
    static final int VERSION = 2;

    private ModelDocument() {
    }

    public static String write(TrainedModel model) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("version", VERSION);
        document.put("task", name(model.task()));
        document.put("loss", name(model.loss()));
        document.put("inputs", model.inputs());
        document.put("outputs", model.outputs());
        document.put("classNames", model.classNames());
        document.put("model", model(model.model()));
        Map<String, Object> normalizer = new LinkedHashMap<>();
        normalizer.put("mean", doubles(model.normalizer().mean()));
        normalizer.put("scale", doubles(model.normalizer().scale()));
        document.put("normalizer", normalizer);
        if (model.imputer() == null) {
            document.put("imputer", null);
        } else {
            Map<String, Object> imputer = new LinkedHashMap<>();
            imputer.put("fill", doubles(model.imputer().fill()));
            List<Boolean> indicated = new ArrayList<>();
            for (boolean i : model.imputer().indicated()) {
                indicated.add(i);
            }
            imputer.put("indicated", indicated);
            document.put("imputer", imputer);
        }
        if (model.target() == null) {
            document.put("target", null);
        } else {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("mean", doubles(model.target().mean()));
            target.put("scale", doubles(model.target().scale()));
            document.put("target", target);
        }
        document.put("parameters", floats(model.parameters()));
        document.put("state", model.state().stream().map(ModelDocument::floats).toList());
        return Json.write(document);
    }

    public static TrainedModel read(String json) {
        Fields document = new Fields("document", Json.parse(json));
        double version = document.number("version");
        if (!FORMAT.equals(document.string("format")) || (version != VERSION && version != 1)) {
            throw new IllegalArgumentException("this is not a " + FORMAT + " document of version 1 to " + VERSION);
        }
        Imputer imputer = version == 1 ? null : readImputer(document);
        Normalizer target = null;
        if (version != 1 && !document.isNull("target")) {
            Fields scaled = document.object("target");
            target = new Normalizer(document.doubles("target.mean", scaled.list("mean")),
                    document.doubles("target.scale", scaled.list("scale")));
        }
        Fields normalizer = document.object("normalizer");
        return new TrainedModel(readModel(document.object("model")), enumOf(Loss.class, document.string("loss")),
                enumOf(Task.class, document.string("task")), document.integer("inputs"), document.integer("outputs"),
                document.list("classNames").stream().map(String::valueOf).toList(),
                new Normalizer(document.doubles("mean", normalizer.list("mean")),
                        document.doubles("scale", normalizer.list("scale"))),
                asFloats(document.doubles("parameters", document.list("parameters"))),
                document.list("state").stream().map(values -> asFloats(document.doubles("state", (List<?>) values)))
                        .toList(), imputer, target);
    }

    private static Imputer readImputer(Fields document) {
        if (document.isNull("imputer")) {
            return null;
        }
        Fields imputer = document.object("imputer");
        List<?> flags = imputer.list("indicated");
        boolean[] indicated = new boolean[flags.size()];
        for (int i = 0; i < indicated.length; i++) {
            if (!(flags.get(i) instanceof Boolean flag)) {
                throw new IllegalArgumentException("model document: imputer.indicated[" + i + "] must be true or false");
            }
            indicated[i] = flag;
        }
        double[] fill = document.doubles("imputer.fill", imputer.list("fill"));
        if (fill.length != indicated.length) {
            throw new IllegalArgumentException("model document: imputer.fill and imputer.indicated must be as long");
        }
        return new Imputer(fill, indicated);
    }

    private static Map<String, Object> model(ModelSpec model) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layers", model.layers().stream().map(ModelDocument::layer).toList());
        json.put("output", name(model.output()));
        json.put("loss", name(model.loss()));
        return json;
    }

    private static Map<String, Object> layer(LayerSpec layer) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (layer instanceof LayerSpec.Dense dense) {
            json.put("type", "dense");
            json.put("units", dense.units());
            json.put("activation", name(dense.activation()));
            json.put("alpha", dense.alpha());
            json.put("init", init(dense.init()));
        } else if (layer instanceof LayerSpec.BatchNorm norm) {
            json.put("type", "batch_norm");
            json.put("momentum", norm.momentum());
            json.put("epsilon", norm.epsilon());
        } else if (layer instanceof LayerSpec.Dropout dropout) {
            json.put("type", "dropout");
            json.put("rate", dropout.rate());
        } else {
            json.put("type", "residual");
            json.put("layers", ((LayerSpec.Residual) layer).layers().stream().map(ModelDocument::layer).toList());
        }
        return json;
    }

    private static Map<String, Object> init(Init init) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", init.type());
        json.putAll(init.parameters());
        return json;
    }

    private static ModelSpec readModel(Fields json) {
        List<LayerSpec> layers = new ArrayList<>();
        for (Object layer : json.list("layers")) {
            layers.add(readLayer(new Fields("layer", layer)));
        }
        return new ModelSpec(layers, enumOf(Output.class, json.string("output")), enumOf(Loss.class, json.string("loss")));
    }

    private static LayerSpec readLayer(Fields json) {
        return switch (json.string("type")) {
            case "dense" -> new LayerSpec.Dense(json.integer("units"), enumOf(Activation.class, json.string("activation")),
                    json.number("alpha"), readInit(json.object("init")));
            case "batch_norm" -> new LayerSpec.BatchNorm(json.number("momentum"), json.number("epsilon"));
            case "dropout" -> new LayerSpec.Dropout(json.number("rate"));
            case "residual" -> new LayerSpec.Residual(json.list("layers").stream()
                    .map(inner -> readLayer(new Fields("layer", inner))).toList());
            default -> throw new IllegalArgumentException("model document: unknown layer type '" + json.string("type") + "'");
        };
    }

    private static Init readInit(Fields json) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (String name : List.of("std", "limit", "value")) {
            if (json.has(name)) {
                parameters.put(name, json.number(name));
            }
        }
        try {
            return Init.of(json.string("type"), parameters);
        } catch (InvalidSpecException unknown) {
            throw new IllegalArgumentException("model document: " + unknown.getMessage(), unknown);
        }
    }

    private static float[] floats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** Weights were written as floats: read them back as exactly those floats. */
    private static double[] asFloats(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) values[i];
        }
        return values;
    }

    private static List<Double> doubles(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model document: '" + name + "' is not a " + type.getSimpleName(), e);
        }
    }

    /** Typed access to a parsed JSON object, with errors that name the missing or mistyped field. */
    private record Fields(String where, Object json) {

        private Object get(String field) {
            if (!(json instanceof Map<?, ?> map) || !map.containsKey(field)) {
                throw new IllegalArgumentException("model document: " + where + " has no field '" + field + "'");
            }
            return map.get(field);
        }

        boolean isNull(String field) {
            return get(field) == null;
        }

        boolean has(String field) {
            return json instanceof Map<?, ?> map && map.containsKey(field);
        }

        String string(String field) {
            if (get(field) instanceof String value) {
                return value;
            }
            throw new IllegalArgumentException("model document: " + where + "." + field + " must be a string");
        }

        double number(String field) {
            if (get(field) instanceof Double value) {
                return value;
            }
            throw new IllegalArgumentException("model document: " + where + "." + field + " must be a number");
        }

        int integer(String field) {
            double value = number(field);
            if (value != Math.rint(value)) {
                throw new IllegalArgumentException("model document: " + where + "." + field + " must be a whole number");
            }
            return (int) value;
        }

        List<?> list(String field) {
            if (get(field) instanceof List<?> value) {
                return value;
            }
            throw new IllegalArgumentException("model document: " + where + "." + field + " must be an array");
        }

        Fields object(String field) {
            return new Fields(where + "." + field, get(field));
        }

        double[] doubles(String field, List<?> values) {
            double[] result = new double[values.size()];
            for (int i = 0; i < result.length; i++) {
                if (!(values.get(i) instanceof Double value)) {
                    throw new IllegalArgumentException("model document: " + field + "[" + i + "] must be a number");
                }
                result[i] = value;
            }
            return result;
        }
    }
}

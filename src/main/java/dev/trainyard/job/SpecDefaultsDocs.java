package dev.trainyard.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shows each default of the job spec in the OpenAPI schema, read from the pipeline itself: a few small specs are
 * mapped and written back as effective specs, and every value the effective spec has that the small spec did not send
 * is a default. So the documentation cannot say one thing while the mapper does another, and a default is declared
 * only where the engine's records declare it. Where a default depends on the optimizer or the schedule, the field's
 * description says which applies to which.
 */
@Component
class SpecDefaultsDocs implements OpenApiCustomizer {

    private static final String REF = "#/components/schemas/";
    /** A spec that sends as little as it can and still has every part. */
    private static final String SMALLEST = """
            {"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 4},
             {"type": "batch_norm"}]}, "training": {"regularization": {}, "earlyStopping": {},
             "augmentation": {"image": {}}}}""";

    private final JsonMapper json;

    SpecDefaultsDocs(JsonMapper json) {
        this.json = json;
    }

    /** The defaults of one schema's fields: each field's values by the variants (optimizer or schedule types) seen. */
    private record Seen(Map<String, Map<String, Map<Object, List<String>>>> bySchema) {

        void add(String schema, String field, Object value, String variant) {
            bySchema.computeIfAbsent(schema, s -> new LinkedHashMap<>()).computeIfAbsent(field, f -> new LinkedHashMap<>())
                    .computeIfAbsent(value, v -> new ArrayList<>()).add(variant);
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                || !openApi.getComponents().getSchemas().containsKey("JobSpec")) {
            return;
        }
        @SuppressWarnings("rawtypes")
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Seen base = new Seen(new LinkedHashMap<>());
        observe(schemas, "JobSpec", json.readTree(SMALLEST), effective(json.readTree(SMALLEST)), null, base);
        Seen typed = new Seen(new LinkedHashMap<>());
        for (String type : JobSpecMapper.OPTIMIZERS) {
            variant("optimizer", type, schemas, typed);
        }
        for (String type : JobSpecMapper.SCHEDULES) {
            variant("schedule", type, schemas, typed);
        }
        base.bySchema().forEach((schema, fields) -> fields.forEach((field, values) -> {
            var variants = typed.bySchema().getOrDefault(schema, Map.of()).get(field);
            document(schemas.get(schema), field, variants == null ? values : variants);
        }));
        typed.bySchema().forEach((schema, fields) -> fields.forEach((field, values) -> {
            if (!base.bySchema().getOrDefault(schema, Map.of()).containsKey(field)) {
                document(schemas.get(schema), field, values);
            }
        }));
    }

    /** What the smallest spec with {@code training.<part>.type} set to {@code type} defaults in that part. */
    @SuppressWarnings("rawtypes")
    private void variant(String part, String type, Map<String, Schema> schemas, Seen into) {
        ObjectNode sent = (ObjectNode) json.readTree(SMALLEST);
        ((ObjectNode) sent.path("training")).putObject(part).put("type", type);
        String schema = ref(schemas.get("TrainingPart"), part);
        if (schema != null) {
            observe(schemas, schema, sent.path("training").path(part), effective(sent).path("training").path(part),
                    type, into);
        }
    }

    private JsonNode effective(JsonNode sent) {
        Checked<JobPlan> plan = JobSpecMapper.map(json.treeToValue(sent, JobSpec.class), JobLimits.UNBOUNDED);
        if (!plan.valid()) {
            throw new IllegalStateException("the documentation's own spec is invalid: " + plan.describe());
        }
        return json.readTree(CanonicalSpec.json(EffectiveSpec.of(plan.value())));
    }

    /** Records every scalar {@code effective} has under {@code schema} that {@code sent} does not. */
    @SuppressWarnings("rawtypes")
    private static void observe(Map<String, Schema> schemas, String schema, JsonNode sent, JsonNode effective,
            String variant, Seen into) {
        Schema<?> described = schemas.get(schema);
        if (described == null || described.getProperties() == null || !effective.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : effective.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String nested = ref(described, name);
            if (nested != null && value.isObject()) {
                observe(schemas, nested, sent.path(name), value, variant, into);
            } else if (nested != null && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    observe(schemas, nested, sent.path(name).path(i), value.get(i), variant, into);
                }
            } else if (value.isValueNode() && !value.isNull() && sent.path(name).isMissingNode()
                    && described.getProperties().containsKey(name)) {
                into.add(schema, name, value.isNumber() ? value.numberValue() : value.isBoolean() ? value.asBoolean()
                        : value.asString(), variant);
            }
        }
    }

    /** The schema a field refers to, itself or as its list's items; null for a plain field. */
    @SuppressWarnings("rawtypes")
    private static String ref(Schema<?> schema, String field) {
        Schema property = schema == null || schema.getProperties() == null ? null : schema.getProperties().get(field);
        if (property == null) {
            return null;
        }
        String ref = property.get$ref() != null ? property.get$ref()
                : property.getItems() != null ? property.getItems().get$ref() : null;
        return ref != null && ref.startsWith(REF) ? ref.substring(REF.length()) : null;
    }

    /** One value: the field's default. Several (by optimizer or schedule type): said in its description. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void document(Schema<?> schema, String field, Map<Object, List<String>> values) {
        Schema property = schema.getProperties().get(field);
        if (values.size() == 1) {
            property.setDefault(values.keySet().iterator().next());
            return;
        }
        StringJoiner which = new StringJoiner("; ", "Default: ", ".");
        values.forEach((value, variants) -> which.add(value + " for " + String.join(", ", variants)));
        property.setDescription(property.getDescription() == null ? which.toString()
                : property.getDescription() + ". " + which);
    }
}

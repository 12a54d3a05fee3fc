package dev.trainyard.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fuzzer's mutations, all from one seeded {@link Random}: values a hostile or careless client sends in place of
 * ids, fields, query parameters and headers, and byte-level damage to bodies and uploads.
 */
final class Mutations {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WORDS = List.of("", " ", "nope", "-1", "0", "1e309", "NaN", "null", "true",
            "../../etc/passwd", "' or 1=1--", "<script>", "\u00e9\u00e8\u4e2d", "x".repeat(5000), "builtin:nope",
            UUID.randomUUID().toString(), "9999999999999999999999", "%00", "a,b,c", "[0]", "-0.0");
    private static final List<String> ACCEPT = List.of("application/json", "application/problem+json", "text/csv",
            "text/event-stream", "application/xml", "*/*", "text/html", "foo", "*/*;q=bad", "application/json;q=0",
            "image/png, */*;q=0.1", "application/json;;;=");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "bogus",
            "application/json; charset=ebcdic");
    private static final List<String> QUERY = List.of("size", "after", "status", "name", "dataset", "sweep", "sort",
            "order", "maxPoints", "fromStep", "jobs", "metric", "param.training.epochs",
            "param.model.layers[0].units", "param.training.optimizer.learningRate");

    private final Random random;
    private final Map<String, List<String>> ids;

    Mutations(Random random, Map<String, List<String>> ids) {
        this.random = random;
        this.ids = ids;
    }

    Random random() {
        return random;
    }

    /** A concrete path for a templated one, with each variable a real id, another kind's id or junk. */
    String path(String template, boolean noRealIds) {
        StringBuilder path = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/').append(segment.startsWith("{") ? ApiFuzzH2IT.encoded(value(template, segment, noRealIds))
                    : segment);
        }
        return path + query();
    }

    private String value(String template, String variable, boolean noRealIds) {
        if (!noRealIds && random.nextInt(3) > 0) {
            String kind = variable.equals("{name}") ? "metric" : template.contains("datasets") ? "dataset"
                    : template.contains("sweeps") ? "sweep" : "job";
            List<String> known = ids.getOrDefault(kind, List.of());
            if (!known.isEmpty()) {
                return known.get(random.nextInt(known.size()));
            }
        }
        return pick(WORDS);
    }

    private String query() {
        if (random.nextInt(3) > 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = random.nextInt(3); i >= 0; i--) {
            String value = pick(WORDS);
            query.append(pick(QUERY)).append('=').append(ApiFuzzH2IT.encoded(value.substring(0,
                    Math.min(200, value.length())))).append('&');
        }
        return query.substring(0, query.length() - 1);
    }

    /** The credential and some of: Accept, Idempotency-Key, If-None-Match, Last-Event-ID. */
    String[] headers(String key) {
        List<String> headers = new ArrayList<>(List.of("X-API-Key", random.nextInt(20) == 0 ? "wrong" : key));
        if (random.nextBoolean()) {
            headers.addAll(List.of("Accept", pick(ACCEPT)));
        }
        if (random.nextInt(4) == 0) {
            headers.addAll(List.of("Idempotency-Key", printable(pick(WORDS))));
        }
        if (random.nextInt(6) == 0) {
            headers.addAll(List.of(random.nextBoolean() ? "If-None-Match" : "Last-Event-ID", printable(pick(WORDS))));
        }
        return headers.toArray(String[]::new);
    }

    String[] contentType(String[] headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = random.nextInt(4) == 0 ? pick(CONTENT_TYPES) : "application/json";
        return all;
    }

    /** A valid body with one to three mutations, some of them to the text itself. */
    String body(String valid) {
        JsonNode tree = JSON.readTree(valid);
        for (int i = random.nextInt(3); i >= 0; i--) {
            tree = mutate(tree);
        }
        String text = JSON.writeValueAsString(tree);
        return switch (random.nextInt(20)) {
            case 0, 1, 2, 3 -> new String(bytes(text), StandardCharsets.UTF_8);
            case 4 -> "[".repeat(20_000) + text; // deeper than any parser's stack, in text only
            default -> text;
        };
    }

    private JsonNode mutate(JsonNode root) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            switch (random.nextInt(4)) {
                case 0 -> object.put("unexpected" + random.nextInt(3), 1);
                case 1 -> {
                    if (!names.isEmpty()) {
                        object.remove(names.get(random.nextInt(names.size())));
                    }
                }
                default -> {
                    if (!names.isEmpty()) {
                        object.set(names.get(random.nextInt(names.size())), junk());
                    }
                }
            }
        } else if (target instanceof ArrayNode array) {
            if (random.nextBoolean() || array.isEmpty()) {
                array.add(junk());
            } else {
                array.set(random.nextInt(array.size()), junk());
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> into) {
        if (node instanceof ContainerNode<?> container) {
            into.add(container);
            node.values().forEach(child -> collect(child, into));
        }
    }

    private JsonNode junk() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.stringNode(pick(WORDS));
            case 2 -> NODES.numberNode(-1);
            case 3 -> NODES.numberNode(1e308);
            case 4 -> NODES.numberNode(Long.MAX_VALUE);
            case 5 -> NODES.numberNode(0.5);
            case 6 -> NODES.booleanNode(true);
            case 7 -> NODES.arrayNode();
            case 8 -> NODES.objectNode();
            case 9 -> nested(random.nextBoolean() ? 10 : 60);
            case 10 -> NODES.numberNode(0);
            default -> NODES.numberNode(2_000_000_000);
        };
    }

    /** Layers nested {@code depth} deep, as a residual block within a residual block... */
    private static JsonNode nested(int depth) {
        ObjectNode inner = NODES.objectNode().put("type", "dense").put("units", 2);
        for (int i = 0; i < depth; i++) {
            ObjectNode block = NODES.objectNode().put("type", "residual");
            block.set("layers", NODES.arrayNode().add(inner));
            inner = block;
        }
        return NODES.arrayNode().add(inner);
    }

    /** Bytes of {@code text} truncated, flipped or with quotes and NULs inserted. */
    byte[] bytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return damage(bytes);
    }

    private byte[] damage(byte[] bytes) {
        byte[] damaged = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length + 1));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(8) && damaged.length > 0; i++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                byte[] quotes = new byte[damaged.length + 200];
                System.arraycopy(damaged, 0, quotes, 0, damaged.length);
                Arrays.fill(quotes, damaged.length, quotes.length, (byte) '"');
                damaged = quotes;
            }
            default -> {
                if (damaged.length > 0) {
                    damaged[random.nextInt(damaged.length)] = 0;
                }
            }
        }
        return damaged;
    }

    /** An upload's content: the CSV, its gzip, either damaged, or nothing at all. */
    byte[] upload(String csv, byte[] gzip) {
        return switch (random.nextInt(5)) {
            case 0 -> csv.getBytes(StandardCharsets.UTF_8);
            case 1 -> damage(gzip);
            case 2 -> new byte[0];
            default -> bytes(csv);
        };
    }

    /** The upload's form fields, some missing, some junk. */
    Map<String, String> formFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : List.of("name", "target", "task", "imageShape", "categorical")) {
            if (random.nextInt(3) == 0) {
                fields.put(name, printable(pick(WORDS)));
            }
        }
        return fields;
    }

    private static String printable(String value) {
        return value.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}

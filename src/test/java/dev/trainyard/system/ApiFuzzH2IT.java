package dev.trainyard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import dev.trainyard.security.TestKeys;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.H2Stack;
import tools.jackson.databind.JsonNode;

/**
 * Seeded fuzzing of every operation of the OpenAPI document: a few thousand requests built from valid ones with their
 * ids, bodies, query parameters and headers mutated ({@link Mutations}). No answer may be a 5xx, and every error must
 * be an RFC 9457 problem whose status is the answer's. A failure prints the seed and the requests that broke, so it
 * can be replayed. Event streams are fuzzed with ids that name no job only, since a real stream stays open.
 */
@H2Stack
class ApiFuzzH2IT extends ApiScenarios {

    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);

    private record Operation(String method, String path) {
    }

    @Test
    void noMutatedRequestToAnyEndpointIsAServerErrorOrAnErrorWithoutAProblem() throws Exception {
        connectAs("fuzz");
        String admin = TestKeys.admin(context);
        Mutations mutate = new Mutations(new Random(SEED), ids());
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            Operation operation = operations.get(mutate.random().nextInt(operations.size()));
            String path = mutate.path(operation.path(), operation.path().endsWith("/events"));
            String credential = operation.path().startsWith("/api/v1/keys") ? admin : key;
            String[] headers = mutate.headers(credential);
            Reply reply = send(mutate, operation, path, headers);
            String fault = fault(reply);
            if (fault != null) {
                failures.add("#" + i + " " + operation.method() + " " + path + " " + String.join(" ", headers) + " -> "
                        + reply.status() + " " + reply.header("Content-Type") + ": " + fault + " " + clip(reply.body()));
            }
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
    }

    private Reply send(Mutations mutate, Operation operation, String path, String[] headers) throws Exception {
        if (operation.method().equals("post") && operation.path().equals("/api/v1/datasets")) {
            return mutate.random().nextInt(4) == 0
                    ? api.sendBytes("POST", path, mutate.bytes(csv()), append(headers, "Content-Type",
                            "multipart/form-data; boundary=" + (mutate.random().nextBoolean() ? "b" : "")))
                    : api.multipart(path, mutate.formFields(), "f.csv", mutate.upload(csv(), gzip(csv())), headers);
        }
        String body = switch (operation.method()) {
            case "post", "put", "patch" -> mutate.body(seedBody(operation.path()));
            default -> null;
        };
        if (body == null) {
            return api.send(operation.method().toUpperCase(), path, null, headers);
        }
        return api.send(operation.method().toUpperCase(), path, body, mutate.contentType(headers));
    }

    /** Why {@code reply} breaks the contract, or null. */
    private static String fault(Reply reply) {
        if (reply.status() >= 500) {
            return "server error";
        }
        if (reply.status() < 400) {
            return null;
        }
        String type = reply.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not a problem";
        }
        JsonNode problem;
        try {
            problem = reply.json();
        } catch (RuntimeException unreadable) {
            return "unreadable problem";
        }
        return problem.path("type").asString("").startsWith("https://trainyard.dev/problems/")
                && problem.path("status").asInt() == reply.status() && !problem.path("detail").asString("").isBlank()
                ? null : "incomplete problem";
    }

    private List<Operation> operations() {
        List<Operation> found = new ArrayList<>();
        JsonNode paths = api.get("/v3/api-docs").json().path("paths");
        paths.propertyNames().forEach(path -> paths.path(path).propertyNames().forEach(method -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                found.add(new Operation(method, path));
            }
        }));
        return found;
    }

    /** Real ids of each kind, so that mutated requests also reach the code behind the lookups. */
    private Map<String, List<String>> ids() {
        String dataset = api.multipart("/api/v1/datasets", Map.of(), "seed.csv", csv().getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key).json().path("id").asString();
        String job = accepted("/api/v1/jobs", seedBody("/api/v1/jobs"));
        String sweep = accepted("/api/v1/sweeps", seedBody("/api/v1/sweeps"));
        return Map.of("dataset", List.of(dataset, "builtin:iris"), "job", List.of(job), "sweep", List.of(sweep),
                "metric", List.of("val_loss", "train_loss"));
    }

    private static String seedBody(String path) {
        return switch (path) {
            case "/api/v1/jobs" -> """
                    {"name": "fuzz", "dataset": {"id": "builtin:iris", "seed": 1},
                     "model": {"layers": [{"type": "dense", "units": 8, "activation": "relu", "init": "he"},
                                          {"type": "residual", "layers": [{"type": "dense", "units": 8}]},
                                          {"type": "dropout", "rate": 0.1}]},
                     "training": {"epochs": 3, "optimizer": {"type": "adam", "learningRate": 0.01},
                                  "batch": {"mode": "mini_batch", "size": 16},
                                  "earlyStopping": {"patience": 2}}}""";
            case "/api/v1/sweeps", "/api/v1/sweeps/preview" -> """
                    {"name": "s", "template": {"dataset": {"id": "builtin:iris"}, "model": {"layers":
                      [{"type": "dense", "units": 8}]}, "training": {"epochs": 2}},
                     "parameters": [{"path": "model.layers[0].units", "values": [4, 8]},
                                    {"path": "training.optimizer.learningRate", "min": 0.001, "max": 0.1, "scale": "log"}],
                     "algorithm": {"type": "random", "seed": 3}, "limits": {"maxTrials": 2, "maxParallel": 1}}""";
            case "/api/v1/races" -> """
                    {"name": "r", "template": {"dataset": {"id": "builtin:iris"}, "model": {"layers":
                      [{"type": "dense", "units": 8}]}, "training": {"epochs": 2}},
                     "optimizers": ["sgd", {"type": "adam", "learningRate": 0.01}], "seeds": 2, "baseline": "sgd",
                     "target": {"metric": "val_accuracy", "value": 0.9}, "maxParallel": 1}""";
            case "/api/v1/datasets/generate" -> "{\"kind\": \"spirals\", \"samples\": 200, \"noise\": 0.1, \"seed\": 1}";
            case "/api/v1/keys" -> "{\"owner\": \"fuzzed\", \"role\": \"user\", \"name\": \"k\"}";
            default -> path.endsWith("/extend") ? "{\"trials\": 1}"
                    : path.endsWith("/retry-with") ? "{\"patch\": {\"training\": {\"epochs\": 2}}}" : "{}";
        };
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder("a,b,\"c, quoted\",label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i * 0.5).append(",\"x\"\"").append(i % 3).append("\",").append(i % 2)
                    .append('\n');
        }
        return csv.toString();
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String[] append(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static String clip(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
    }

    static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

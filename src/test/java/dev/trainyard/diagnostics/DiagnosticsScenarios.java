package dev.trainyard.diagnostics;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.JsonNode;

/**
 * Every diagnostics rule on the shipped example named after it, the examples that train well (and the built-in
 * datasets with the README's settings) without a warning, and a finding's patch that fixes what it found, on H2
 * ({@link DiagnosticsH2IT}) and PostgreSQL ({@link DiagnosticsPostgresIT}). The oracles are the stored metrics and
 * numbers worked out by hand (chance losses, class counts, the CSV's feature ranges), not the rules' formulas.
 */
@TestPropertySource(properties = {"trainyard.worker.slots=2", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=3s",
        "trainyard.worker.metrics-flush-interval=100ms", "trainyard.diagnostics.refresh-interval=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class DiagnosticsScenarios extends ApiScenarios {

    private static final Map<String, String> EXAMPLES = OperationExamples.load("examples");
    private static final Duration TRAINING = Duration.ofSeconds(240);
    private static final double LN_10 = Math.log(10);

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("diagnose");
    }

    private String submit(String spec) {
        return accepted("/api/v1/jobs", spec);
    }

    private JsonNode finished(String id) {
        return awaitResource("/api/v1/jobs/" + id, job -> job.path("phase").asString().equals("finished"), TRAINING);
    }

    private JsonNode findings(String id) {
        Reply reply = api.get("/api/v1/jobs/" + id + "/diagnostics", "X-API-Key", key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("findings");
    }

    private JsonNode only(String id, String rule) {
        List<JsonNode> of = new ArrayList<>();
        findings(id).forEach(f -> {
            if (f.path("rule").asString().equals(rule)) {
                of.add(f);
            }
        });
        assertThat(of).as("%s findings of %s: %s", rule, id, findings(id)).hasSize(1);
        return of.get(0);
    }

    private List<String> rules(String id) {
        List<String> rules = new ArrayList<>();
        findings(id).forEach(f -> rules.add(f.path("rule").asString()));
        return rules;
    }

    private double[] series(String id, String metric) {
        JsonNode points = api.get("/api/v1/jobs/" + id + "/metrics/" + metric, "X-API-Key", key).json().path("points");
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            assertThat(points.get(i).path("step").asInt()).isEqualTo(i);
            values[i] = points.get(i).path("value").asDouble();
        }
        return values;
    }

    private static List<String> layers(JsonNode finding) {
        List<String> layers = new ArrayList<>();
        finding.path("layers").forEach(l -> layers.add(l.asString()));
        return layers;
    }

    private static int from(JsonNode finding) {
        return finding.path("epochs").path("from").asInt();
    }

    private static int to(JsonNode finding) {
        return finding.path("epochs").path("to").asInt();
    }

    private static int argMax(double[] values, int fromIndex) {
        int best = fromIndex;
        for (int i = fromIndex; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }

    private static int argMin(double[] values) {
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            best = values[i] < values[best] ? i : best;
        }
        return best;
    }

    @Test
    void everyRuleIsRaisedOnTheExampleNamedAfterItOnItsLayersAndEpochs() throws IOException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String example : List.of("vanishing-gradients", "exploding-gradients", "dead-relu", "saturated-units",
                "symmetric-initialization", "initialization-scale", "learning-rate-too-large",
                "learning-rate-too-small", "stalled-training", "plateau", "overfitting", "underfitting",
                "unscaled-features", "class-imbalance")) {
            ids.put(example, submit(EXAMPLES.get(example)));
        }
        ids.values().forEach(this::finished);

        String vanishing = ids.get("vanishing-gradients");
        JsonNode finding = only(vanishing, "vanishing_gradients");
        assertThat(finding.path("severity").asString()).isEqualTo("critical");
        assertThat(layers(finding)).as("the layers nearest the input").startsWith("layer0", "layer1")
                .doesNotContain("layer7");
        assertThat(from(finding)).isZero();
        assertThat(to(finding)).isEqualTo(19);
        double[] first = series(vanishing, "layer0.grad_norm");
        double[] output = series(vanishing, "output.grad_norm");
        for (int e = 0; e < first.length; e++) {
            assertThat(first[e] / output[e]).as("layer0 over the output at epoch %d", e).isLessThan(1e-3);
        }
        assertThat(finding.path("concept").asString()).isEqualTo("docs/concepts.md#vanishing_gradients");

        String exploding = ids.get("exploding-gradients");
        finding = only(exploding, "exploding_gradients");
        int spike = argMax(series(exploding, "grad_norm_max"), 3);
        assertThat(from(finding)).as("the epoch of the largest step gradient").isEqualTo(spike);
        assertThat(to(finding)).isEqualTo(spike);
        assertThat(finding.path("patch").path("training").path("gradientClipNorm").asDouble()).isEqualTo(1.0);

        String dead = ids.get("dead-relu");
        finding = only(dead, "dead_relu");
        assertThat(layers(finding)).containsExactly("layer1");
        assertThat(to(finding)).isEqualTo(19);
        double[] deadFraction = series(dead, "layer1.dead_fraction");
        for (int e = from(finding); e <= to(finding); e++) {
            assertThat(deadFraction[e]).as("layer1 dead at epoch %d", e).isGreaterThanOrEqualTo(0.5);
        }
        assertThat(series(dead, "layer0.dead_fraction")[19]).isLessThan(0.5);
        assertThat(finding.path("patch").path("model").path("layers").get(1).path("activation").asString())
                .isEqualTo("leaky_relu");

        String saturated = ids.get("saturated-units");
        finding = only(saturated, "saturated_units");
        assertThat(layers(finding)).containsExactly("layer0");
        assertThat(from(finding)).isZero();
        assertThat(to(finding)).isEqualTo(19);
        for (double fraction : series(saturated, "layer0.saturated_fraction")) {
            assertThat(fraction).isGreaterThan(0.5);
        }

        String symmetric = ids.get("symmetric-initialization");
        finding = only(symmetric, "symmetric_initialization");
        assertThat(finding.path("severity").asString()).isEqualTo("critical");
        assertThat(layers(finding)).containsExactly("layer0");
        assertThat(to(finding)).isEqualTo(49);
        assertThat(series(symmetric, "layer0.unit_spread")).containsOnly(0.0);

        String scale = ids.get("initialization-scale");
        finding = only(scale, "initialization_scale");
        assertThat(layers(finding)).containsExactly("layer0");
        assertThat(from(finding)).isZero();
        assertThat(to(finding)).isZero();
        // 64 inputs of weights with standard deviation 0.01: the pre-activations carry 64 * 0.01^2 of the input's
        // variance per unit of it
        assertThat(finding.path("evidence").path("varianceOverInput").asDouble()).isCloseTo(64 * 1e-4,
                within(0.1 * 64 * 1e-4));

        String large = ids.get("learning-rate-too-large");
        assertThat(api.get("/api/v1/jobs/" + large, "X-API-Key", key).json().path("status").asString())
                .isEqualTo("failed");
        finding = only(large, "learning_rate_too_large");
        assertThat(finding.path("severity").asString()).isEqualTo("critical");
        assertThat(finding.path("patch").path("training").path("optimizer").path("learningRate").asDouble())
                .isEqualTo(5.0);

        String small = ids.get("learning-rate-too-small");
        finding = only(small, "learning_rate_too_small");
        assertThat(from(finding)).isZero();
        assertThat(to(finding)).isEqualTo(19);
        assertThat(finding.path("patch").path("training").path("optimizer").path("learningRate").asDouble())
                .isEqualTo(0.01);
        assertThat(rules(small)).doesNotContain("stalled_training");

        String stalled = ids.get("stalled-training");
        finding = only(stalled, "stalled_training");
        assertThat(from(finding)).isEqualTo(10);
        assertThat(to(finding)).isEqualTo(19);
        assertThat(series(stalled, "train_loss")[19]).as("ten balanced classes: chance is ln 10")
                .isGreaterThan(0.9 * LN_10);
        assertThat(finding.path("patch").path("training").path("optimizer").path("type").asString()).isEqualTo("adam");

        String plateau = ids.get("plateau");
        finding = only(plateau, "plateau");
        assertThat(from(finding)).isEqualTo(24);
        assertThat(to(finding)).isEqualTo(29);
        assertThat(series(plateau, "train_loss")[29]).as("a standardized target predicted by its mean: loss 1")
                .isCloseTo(1.0, within(0.01));
        assertThat(finding.path("patch").path("training").path("optimizer").path("type").asString())
                .isEqualTo("momentum");
        assertThat(rules(plateau)).doesNotContain("stalled_training");

        String overfitting = ids.get("overfitting");
        finding = only(overfitting, "overfitting");
        assertThat(from(finding)).as("the best validation epoch").isEqualTo(argMin(series(overfitting, "val_loss")));
        assertThat(to(finding)).isEqualTo(99);
        assertThat(finding.path("patch").path("training").has("earlyStopping")).isTrue();

        String underfitting = ids.get("underfitting");
        finding = only(underfitting, "underfitting");
        assertThat(series(underfitting, "train_loss")[99]).as("two balanced classes: chance is ln 2")
                .isGreaterThan(0.9 * Math.log(2));
        assertThat(finding.path("patch").path("model").path("layers").get(0).path("activation").asString())
                .isEqualTo("relu");
        assertThat(rules(underfitting)).doesNotContain("stalled_training");

        finding = only(ids.get("unscaled-features"), "unscaled_features");
        double[] ranges = columnRanges("datasets/wine.csv");
        assertThat(finding.path("evidence").path("largestRange").asDouble()).isCloseTo(max(ranges), within(1e-9));
        assertThat(finding.path("evidence").path("smallestRange").asDouble()).isCloseTo(min(ranges), within(1e-9));
        assertThat(finding.path("patch").path("dataset").path("standardize").asBoolean()).isTrue();

        finding = only(ids.get("class-imbalance"), "class_imbalance");
        // 1000 rows, class 0 twenty times as frequent as class 1: 1000 / 21 rounds to 48 rows of class 1
        assertThat(finding.path("evidence").path("largestClass").asLong()).isEqualTo(952);
        assertThat(finding.path("evidence").path("smallestClass").asLong()).isEqualTo(48);
        assertThat(finding.path("patch").isNull()).isTrue();

        assertThat(api.get("/api/v1/jobs/" + vanishing, "X-API-Key", key).json().path("findings").path("critical")
                .asInt()).as("counted on the job").isEqualTo(1);
    }

    @Test
    void theExamplesThatTrainWellAndTheReadmeSettingsOnEveryBuiltInDatasetRaiseNoWarning() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String example : List.of("adagrad-l1", "diabetes-regression", "digits-augmented", "digits-classifier",
                "full-batch-momentum", "spiral-relu", "spiral-tanh", "stochastic-rmsprop")) {
            ids.put(example, submit(EXAMPLES.get(example)));
        }
        for (String dataset : List.of("iris", "wine", "breast_cancer", "digits", "diabetes")) {
            ids.put("builtin:" + dataset, submit("""
                    {"dataset": {"id": "builtin:%s"},
                     "model": {"layers": [{"type": "dense", "units": 64, "activation": "relu"}]},
                     "training": {"epochs": 30, "optimizer": {"type": "adam", "learningRate": 0.003}}}
                    """.formatted(dataset)));
        }
        ids.forEach((name, id) -> {
            assertThat(finished(id).path("status").asString()).as(name).isEqualTo("succeeded");
            List<String> raised = new ArrayList<>();
            findings(id).forEach(f -> {
                if (!f.path("severity").asString().equals("info")) {
                    raised.add(f.path("rule").asString() + ": " + f.path("explanation").asString());
                }
            });
            assertThat(raised).as("warnings on %s", name).isEmpty();
        });
    }

    @Test
    void theSuggestedPatchRemovesTheFindingAndImprovesTheTestMetric() {
        for (String[] c : new String[][] {{"vanishing-gradients", "vanishing_gradients"},
                {"learning-rate-too-small", "learning_rate_too_small"},
                {"symmetric-initialization", "symmetric_initialization"}}) {
            String original = submit(EXAMPLES.get(c[0]));
            double before = finished(original).path("test").path("metrics").path("accuracy").asDouble();
            JsonNode patch = only(original, c[1]).path("patch");

            Reply reply = api.send("POST", "/api/v1/jobs/" + original + "/retry-with", "{\"patch\": " + patch + "}",
                    "X-API-Key", key, "Content-Type", "application/json");
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            String derived = reply.json().path("id").asString();
            double after = finished(derived).path("test").path("metrics").path("accuracy").asDouble();

            System.out.printf("%s: test accuracy %.3f, after the patch %s %.3f%n", c[0], before, patch, after);
            assertThat(rules(derived)).as("%s after %s", c[0], patch).doesNotContain(c[1]);
            assertThat(after).as("%s: test accuracy %.3f before the patch, %.3f after", c[0], before, after)
                    .isGreaterThan(before + 0.2);
        }
    }

    @Test
    void aJobsThresholdsSilenceARuleAndUnknownOrNonPositiveOnesAreRefused() {
        String original = submit(EXAMPLES.get("vanishing-gradients"));
        finished(original);
        assertThat(rules(original)).contains("vanishing_gradients");

        Reply relaxed = api.send("POST", "/api/v1/jobs/" + original + "/retry-with",
                "{\"patch\": {\"training\": {\"diagnostics\": {\"vanishingRatio\": 1e-6}}}}", "X-API-Key", key,
                "Content-Type", "application/json");
        assertThat(relaxed.status()).as(relaxed.body()).isEqualTo(202);
        String id = relaxed.json().path("id").asString();
        finished(id);
        assertThat(rules(id)).doesNotContain("vanishing_gradients");

        JsonNode unknown = assertProblem(api.send("POST", "/api/v1/jobs", EXAMPLES.get("vanishing-gradients")
                .replace("\"epochs\": 20,", "\"epochs\": 20, \"diagnostics\": {\"vanishingRatios\": 1e-6},"),
                "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(unknown.toString()).contains("training.diagnostics.vanishingRatios", "vanishingRatio");
        JsonNode negative = assertProblem(api.send("POST", "/api/v1/jobs", EXAMPLES.get("vanishing-gradients")
                .replace("\"epochs\": 20,", "\"epochs\": 20, \"diagnostics\": {\"deadFraction\": 0},"),
                "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(negative.toString()).contains("training.diagnostics.deadFraction", "above 0");
    }

    @Test
    void anotherUsersJobAndAnUnknownOneAreNotFound() {
        String id = submit(EXAMPLES.get("symmetric-initialization"));
        finished(id);
        assertProblem(api.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000/diagnostics", "X-API-Key", key), 404,
                "not-found");
        assertProblem(api.get("/api/v1/jobs/not-a-uuid/diagnostics", "X-API-Key", key), 404, "not-found");
        connectAs("someone-else");
        assertProblem(api.get("/api/v1/jobs/" + id + "/diagnostics", "X-API-Key", key), 404, "not-found");
    }

    /** Each numeric column's largest minus smallest value, read from a CSV with a header and the target last. */
    private static double[] columnRanges(String resource) throws IOException {
        try (InputStream in = DiagnosticsScenarios.class.getClassLoader().getResourceAsStream(resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
            int columns = lines[0].split(",").length - 1;
            double[] lowest = new double[columns];
            double[] highest = new double[columns];
            java.util.Arrays.fill(lowest, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(highest, Double.NEGATIVE_INFINITY);
            for (int r = 1; r < lines.length; r++) {
                String[] cells = lines[r].split(",");
                for (int c = 0; c < columns; c++) {
                    double v = Double.parseDouble(cells[c].strip());
                    lowest[c] = Math.min(lowest[c], v);
                    highest[c] = Math.max(highest[c], v);
                }
            }
            double[] ranges = new double[columns];
            for (int c = 0; c < columns; c++) {
                ranges[c] = highest[c] - lowest[c];
            }
            return ranges;
        }
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).filter(v -> v > 0).min().orElseThrow();
    }
}

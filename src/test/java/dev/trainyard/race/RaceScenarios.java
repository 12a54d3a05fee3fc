package dev.trainyard.race;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Optimizer races through the API, their trials trained by this node's worker slots, on H2 ({@link RaceH2IT}) and
 * PostgreSQL ({@link RacePostgresIT}). The context is closed after the class so its workers never claim other tests'
 * jobs.
 */
@TestPropertySource(properties = {"trainyard.worker.slots=2", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=3s",
        "trainyard.worker.metrics-flush-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class RaceScenarios extends ApiScenarios {

    static final String IRIS = """
            {"dataset": {"id": "builtin:iris"},
             "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}]},
             "training": {"epochs": 12, "batch": {"mode": "mini_batch", "size": 16},
                          "optimizer": {"type": "sgd", "learningRate": 0.05}}}
            """;

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("races");
    }

    private Reply post(String body) {
        return api.send("POST", "/api/v1/races", body, "X-API-Key", key, "Content-Type", "application/json");
    }

    private JsonNode awaitEnd(String id) {
        return awaitResource("/api/v1/races/" + id, race -> !race.path("status").asString().equals("running"),
                Duration.ofSeconds(180));
    }

    private double[] history(String job, String metric) {
        JsonNode points = api.get("/api/v1/jobs/" + job + "/metrics/" + metric, "X-API-Key", key).json().path("points");
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            assertThat(points.get(i).path("step").asInt()).isEqualTo(i);
            values[i] = points.get(i).path("value").asDouble();
        }
        return values;
    }

    private static Double optional(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }

    @Test
    void aSmallRaceFinishesAndItsReportAgreesWithItsTrialsOwnMetrics() {
        Reply created = post("""
                {"name": "iris-race", "template": %s,
                 "optimizers": [{"type": "sgd", "learningRate": 0.5}, {"type": "adam", "learningRate": 0.02},
                                {"type": "rmsprop", "learningRate": 0.01}],
                 "seeds": 3, "baseline": "sgd", "target": {"metric": "val_accuracy", "value": 0.8}}
                """.formatted(IRIS));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/races/" + id);
        JsonNode done = awaitEnd(id);

        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("counts").path("succeeded").asInt()).isEqualTo(9);
        assertThat(done.path("metric").asString()).isEqualTo("val_accuracy");
        assertThat(done.path("goal").asString()).isEqualTo("maximize");
        assertThat(done.path("baseline").asString()).isEqualTo("sgd(learningRate=0.5)");
        assertThat(done.path("seeds").valueStream().map(JsonNode::asLong)).containsExactly(1L, 2L, 3L);
        JsonNode optimizers = done.path("optimizers");
        assertThat(optimizers.findValuesAsString("label")).containsExactly("sgd(learningRate=0.5)", "adam(learningRate=0.02)",
                "rmsprop(learningRate=0.01)");
        assertThat(optimizers.get(0).path("baseline").asBoolean()).isTrue();
        assertThat(optimizers.get(0).has("versusBaseline")).isFalse();

        // every value of the report, recomputed here from the trial jobs' own metric histories
        Map<String, Map<Long, double[]>> measured = new HashMap<>();
        for (JsonNode optimizer : optimizers) {
            Map<Long, double[]> bySeed = new HashMap<>();
            JsonNode trials = optimizer.path("trials");
            assertThat(trials.valueStream().map(trial -> trial.path("seed").asLong())).containsExactly(1L, 2L, 3L);
            for (JsonNode trial : trials) {
                String job = trial.path("jobId").asString();
                double[] accuracy = history(job, "val_accuracy");
                double[] loss = history(job, "val_loss");
                assertThat(accuracy).hasSize(12);
                int toTarget = 0;
                while (toTarget < accuracy.length && accuracy[toTarget] < 0.8) {
                    toTarget++;
                }
                Double epochs = toTarget == accuracy.length ? null : (double) toTarget + 1;
                assertThat(optional(trial.path("epochsToTarget"))).isEqualTo(epochs);
                assertThat(trial.path("finalValLoss").asDouble()).isEqualTo(loss[loss.length - 1]);
                assertThat(trial.path("finalObjective").asDouble()).isEqualTo(accuracy[accuracy.length - 1]);
                bySeed.put(trial.path("seed").asLong(), new double[] {epochs == null ? Double.NaN : epochs,
                        loss[loss.length - 1], accuracy[accuracy.length - 1]});
            }
            measured.put(optimizer.path("label").asString(), bySeed);
            double[] losses = bySeed.values().stream().mapToDouble(values -> values[1]).toArray();
            assertThat(optimizer.path("finalValLoss").path("n").asInt()).isEqualTo(3);
            assertThat(optimizer.path("finalValLoss").path("mean").asDouble())
                    .isCloseTo((losses[0] + losses[1] + losses[2]) / 3, within(1e-12));
            assertThat(optimizer.path("finalValLoss").path("min").asDouble()).isEqualTo(
                    Math.min(losses[0], Math.min(losses[1], losses[2])));
        }
        assertThat(optimizers.get(0).path("epochsToTarget").path("n").asInt()).as("the baseline reaches the target on "
                + "every seed: %s", done).isEqualTo(3);
        for (int i = 1; i < 3; i++) {
            JsonNode optimizer = optimizers.get(i);
            Map<Long, double[]> mine = measured.get(optimizer.path("label").asString());
            Map<Long, double[]> base = measured.get("sgd(learningRate=0.5)");
            JsonNode versus = optimizer.path("versusBaseline");
            assertPaired(versus.path("finalValLoss"), mine, base, 1);
            assertPaired(versus.path("finalObjective"), mine, base, 2);
            assertPaired(versus.path("epochsToTarget"), mine, base, 0);
            assertThat(versus.path("verdict").asString()).contains(optimizer.path("label").asString()
                    + " minus sgd(learningRate=0.5), epochs to val_accuracy >= 0.8: ");
        }
        assertTheRaceIsASweepOfOrdinaryJobs(id, done);
    }

    /** The report's paired differences for measure {@code at}, against those recomputed from the histories. */
    private static void assertPaired(JsonNode difference, Map<Long, double[]> mine, Map<Long, double[]> base, int at) {
        List<Long> seeds = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            double d = mine.get(seed)[at] - base.get(seed)[at];
            if (!Double.isNaN(d)) {
                seeds.add(seed);
                differences.add(d);
            }
        }
        if (seeds.isEmpty()) {
            assertThat(difference.isMissingNode()).as("no pair, no difference: %s", difference).isTrue();
            return;
        }
        assertThat(difference.path("seeds").valueStream().map(JsonNode::asLong).toList()).isEqualTo(seeds);
        assertThat(difference.path("n").asInt()).isEqualTo(seeds.size());
        for (int i = 0; i < seeds.size(); i++) {
            assertThat(difference.path("differences").get(i).asDouble()).isCloseTo(differences.get(i), within(1e-12));
        }
        double mean = differences.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(difference.path("meanDifference").asDouble()).isCloseTo(mean, within(1e-12));
        double squares = differences.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
        if (seeds.size() >= 2 && squares > 0) {
            double sd = Math.sqrt(squares / (seeds.size() - 1));
            assertThat(difference.path("sd").asDouble()).isCloseTo(sd, within(1e-9));
            assertThat(difference.path("t").asDouble()).isCloseTo(mean / (sd / Math.sqrt(seeds.size())), within(1e-6));
            assertThat(difference.path("degreesOfFreedom").asInt()).isEqualTo(seeds.size() - 1);
            assertThat(difference.path("pValue").asDouble()).isBetween(0.0, 1.0);
            assertThat(difference.path("ciLow").asDouble()).isLessThan(mean);
            assertThat(difference.path("ciHigh").asDouble()).isGreaterThan(mean);
        } else {
            assertThat(difference.has("pValue")).as("nothing to test: %s", difference).isFalse();
        }
    }

    /**
     * The race's sweep and jobs are ordinary ones; trials on one seed differ in their optimizer alone, so they start
     * from the same weights and batches (which the engine draws from training.seed, OptimizersOnOneSeedTest).
     */
    private void assertTheRaceIsASweepOfOrdinaryJobs(String id, JsonNode race) {
        JsonNode sweep = api.get("/api/v1/sweeps/" + id, "X-API-Key", key).json();
        assertThat(sweep.path("kind").asString()).isEqualTo("race");
        assertThat(sweep.path("trials")).hasSize(9);
        assertThat(api.get("/api/v1/sweeps/" + id + "/trials.csv", "X-API-Key", key).body())
                .contains("training.optimizer", "\"{\"\"type\"\":\"\"adam\"\",\"\"learningRate\"\":0.02}\"");
        JsonNode jobs = api.get("/api/v1/jobs?sweep=" + id + "&sort=oldest&size=20", "X-API-Key", key).json();
        assertThat(jobs).hasSize(9);
        Map<Long, ObjectNode> withoutOptimizer = new HashMap<>();
        for (JsonNode optimizer : race.path("optimizers")) {
            for (JsonNode trial : optimizer.path("trials")) {
                JsonNode job = api.get("/api/v1/jobs/" + trial.path("jobId").asString(), "X-API-Key", key).json();
                ObjectNode effective = (ObjectNode) job.path("effectiveSpec").deepCopy();
                assertThat(effective.path("training").path("seed").asLong()).isEqualTo(trial.path("seed").asLong());
                assertThat(effective.path("training").path("optimizer").path("type").asString())
                        .isEqualTo(optimizer.path("optimizer").path("type").asString());
                ((ObjectNode) effective.path("training")).remove("optimizer");
                effective.remove("name");
                ObjectNode first = withoutOptimizer.putIfAbsent(trial.path("seed").asLong(), effective);
                assertThat(first == null || first.equals(effective)).as("seed %s: %s vs %s", trial.path("seed"),
                        first, effective).isTrue();
            }
        }
        assertThat(withoutOptimizer.get(1L)).isNotEqualTo(withoutOptimizer.get(2L));
        assertThat(api.get("/api/v1/races", "X-API-Key", key).json().findValuesAsString("id")).containsExactly(id);
    }

    @Test
    void everyBadRaceIsExplainedByTheFieldAtFault() {
        String optimizers = "\"optimizers\": [\"sgd\", \"adam\"]";
        assertThat(fields("{" + optimizers + "}")).containsExactly("template");
        assertThat(fields("{\"template\": " + IRIS.replace("\"epochs\": 12", "\"epochs\": -5") + ", " + optimizers + "}"))
                .allMatch(field -> field.startsWith("template."));
        assertThat(fields(withTemplate("\"optimizers\": [\"adam\"]"))).containsExactly("optimizers");
        assertThat(fields(withTemplate("\"optimizers\": [\"sgd\", 42, {\"learningRate\": 0.1}]")))
                .containsExactly("optimizers[1]", "optimizers[2]");
        assertThat(fields(withTemplate("\"optimizers\": [\"sgd\", \"adamax\"]"))).containsExactly("optimizers[1]");
        JsonNode rate = problem(withTemplate("\"optimizers\": [\"sgd\", {\"type\": \"adam\", \"learningRate\": -1}]"));
        assertThat(rate.path("errors").findValuesAsString("field")).containsExactly("optimizers[1]");
        assertThat(rate.path("detail").asString()).contains("learningRate");
        assertThat(fields(withTemplate("\"optimizers\": [\"adam\", {\"type\": \"adam\"}]"))).containsExactly("optimizers[1]");
        JsonNode many = problem(withTemplate("\"optimizers\": [" + "\"sgd\", ".repeat(8) + "\"adam\"]"));
        assertThat(many.path("detail").asString()).contains("trainyard.races.max-optimizers");
        assertThat(fields(withTemplate(optimizers + ", \"seeds\": 1"))).containsExactly("seeds");
        assertThat(problem(withTemplate(optimizers + ", \"seeds\": 2000000000")).path("detail").asString())
                .contains("trainyard.races.max-seeds");
        assertThat(fields(withTemplate(optimizers + ", \"seeds\": 3, \"seedValues\": [1, 2]"))).containsExactly("seeds");
        assertThat(fields(withTemplate(optimizers + ", \"seedValues\": [4, 5, 4]"))).containsExactly("seedValues[2]");
        JsonNode trials = problem(withTemplate("\"optimizers\": [\"sgd\", \"momentum\", \"nesterov\", \"adagrad\", \"rmsprop\", "
                + "\"adam\"], \"seeds\": 20"));
        assertThat(trials.path("errors").findValuesAsString("field")).containsExactly("seeds");
        assertThat(trials.path("detail").asString()).contains("120 trials", "trainyard.races.max-trials");
        assertThat(fields(withTemplate(optimizers + ", \"baseline\": \"lion\""))).containsExactly("baseline");
        assertThat(fields(withTemplate(optimizers + ", \"baseline\": 2"))).containsExactly("baseline");
        assertThat(fields(withTemplate(optimizers + ", \"baseline\": {\"type\": \"sgd\"}"))).containsExactly("baseline");
        assertThat(fields(withTemplate("\"optimizers\": [\"adam\", {\"type\": \"adam\", \"learningRate\": 0.01}], "
                + "\"baseline\": \"adam\""))).as("a label wins over a type").isEmpty();
        assertThat(fields(withTemplate("\"optimizers\": [{\"type\": \"adam\", \"beta1\": 0.8}, {\"type\": \"adam\", "
                + "\"learningRate\": 0.01}], \"baseline\": \"adam\""))).containsExactly("baseline");
        assertThat(fields(withTemplate(optimizers + ", \"target\": {\"metric\": \"val_accuracy\"}"))).containsExactly("target.value");
        assertThat(fields(withTemplate(optimizers + ", \"target\": {\"metric\": \"val_happiness\", \"value\": 1}")))
                .containsExactly("target.metric");
        JsonNode parallel = problem(withTemplate(optimizers + ", \"maxParallel\": 1000"));
        assertThat(parallel.path("errors").findValuesAsString("field")).containsExactly("maxParallel");
        assertThat(parallel.path("detail").asString()).contains("trainyard.sweeps.max-parallel");
        assertThat(fields("{\"name\": \"" + "r".repeat(201) + "\", \"template\": " + IRIS + ", " + optimizers + "}"))
                .containsExactly("name");
        assertProblem(post(withTemplate(optimizers + ", \"seeds\": \"many\"")), 400, "malformed-body");
        assertThat(jdbc.queryForObject("select count(*) from sweep where owner = ?", Long.class, owner))
                .as("nothing refused was stored, only the one race accepted").isOne();
    }

    private static String withTemplate(String fields) {
        return "{\"template\": " + IRIS + ", " + fields + "}";
    }

    private JsonNode problem(String body) {
        return assertProblem(post(body), 400, "validation-failed");
    }

    /** The fields a refused race names; empty for one accepted, which is cancelled at once. */
    private List<String> fields(String body) {
        Reply reply = post(body);
        if (reply.status() == 202) {
            api.send("POST", "/api/v1/races/" + reply.json().path("id").asString() + "/cancel", null, "X-API-Key", key);
            return List.of();
        }
        return assertProblem(reply, 400, "validation-failed").path("errors").findValuesAsString("field");
    }

    @Test
    void cancellingARaceCancelsItsTrialsAndKeepsItsReport() {
        String id = accepted("/api/v1/races", withTemplate("\"optimizers\": [\"sgd\", \"adam\"], \"seeds\": 4, \"maxParallel\": 1"
                ).replace("\"epochs\": 12", "\"epochs\": 5000"));
        JsonNode cancelled = api.send("POST", "/api/v1/races/" + id + "/cancel", null, "X-API-Key", key).json();
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("stopReason").asString()).contains("cancelled by its owner");
        JsonNode trials = cancelled.path("optimizers").get(0).path("trials");
        assertThat(trials).hasSize(1);
        assertThat(trials.get(0).path("status").asString()).isIn("cancelled", "running");
        assertThat(cancelled.path("optimizers").get(0).has("finalValLoss")).as("no trial succeeded").isFalse();
        JsonNode settled = awaitResource("/api/v1/races/" + id, race -> race.path("counts").path("cancelled").asInt() == 1,
                Duration.ofSeconds(30));
        assertThat(settled.path("status").asString()).isEqualTo("cancelled");
        assertThat(api.get("/api/v1/sweeps/" + id, "X-API-Key", key).json().path("trialsCreated").asInt())
                .as("a cancelled race queues no more").isEqualTo(1);
        assertThat(api.send("POST", "/api/v1/races/" + id + "/cancel", null, "X-API-Key", key).json().path("status")
                .asString()).as("idempotent").isEqualTo("cancelled");
    }

    @Test
    void anotherOwnersRaceAndAPlainSweepAreNotFoundAsRaces() {
        String id = accepted("/api/v1/races", withTemplate("\"optimizers\": [\"sgd\", \"adam\"], \"seeds\": 2, \"maxParallel\": 1"));
        api.send("POST", "/api/v1/races/" + id + "/cancel", null, "X-API-Key", key);
        String sweep = accepted("/api/v1/sweeps", "{\"template\": " + IRIS + ", \"parameters\": [{\"path\": "
                + "\"training.epochs\", \"values\": [1]}]}");
        api.send("POST", "/api/v1/sweeps/" + sweep + "/cancel", null, "X-API-Key", key);
        assertThat(api.get("/api/v1/races", "X-API-Key", key).json().findValuesAsString("id")).containsExactly(id);
        assertThat(api.get("/api/v1/sweeps", "X-API-Key", key).json().findValuesAsString("kind"))
                .containsExactly("sweep", "race");
        assertProblem(api.get("/api/v1/races/" + sweep, "X-API-Key", key), 404, "not-found");
        assertProblem(api.send("POST", "/api/v1/races/" + sweep + "/cancel", null, "X-API-Key", key), 404, "not-found");
        assertProblem(api.get("/api/v1/races/" + UUID.randomUUID(), "X-API-Key", key), 404, "not-found");
        assertProblem(api.get("/api/v1/races/not-an-id", "X-API-Key", key), 404, "not-found");

        String mine = key;
        connectAs("races-other");
        assertProblem(api.get("/api/v1/races/" + id, "X-API-Key", key), 404, "not-found");
        assertProblem(api.send("POST", "/api/v1/races/" + id + "/cancel", null, "X-API-Key", key), 404, "not-found");
        assertThat(api.get("/api/v1/races", "X-API-Key", key).json()).isEmpty();
        assertThat(api.get("/api/v1/races/" + id, "X-API-Key", mine).status()).isEqualTo(200);
    }

    @Test
    void theShippedRacesStartAsTheyAreAndShowInSwaggerUi() {
        OperationExamples.load(RaceExamples.FOLDER).forEach((name, race) -> {
            Reply started = post(race);
            assertThat(started.status()).as(name + ": " + started.body()).isEqualTo(202);
            api.send("POST", "/api/v1/races/" + started.json().path("id").asString() + "/cancel", null, "X-API-Key", key);
        });
        JsonNode shown = api.get("/v3/api-docs").json().path("paths").path("/api/v1/races").path("post")
                .path("requestBody").path("content").path("application/json").path("examples");
        assertThat(shown.propertyNames()).containsExactlyInAnyOrderElementsOf(OperationExamples.load(RaceExamples.FOLDER)
                .keySet());
    }
}

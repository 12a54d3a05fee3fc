package dev.trainyard.sweep;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sweeps through the API, on H2 ({@link SweepH2IT}) and PostgreSQL ({@link SweepPostgresIT}). */
abstract class SweepScenarios extends ApiScenarios {

    static final String TEMPLATE = """
            {"dataset": {"id": "builtin:digits"},
             "model": {"layers": [{"type": "dense", "units": 32, "activation": "relu"}, {"type": "dropout", "rate": 0.1}]},
             "training": {"epochs": 5, "optimizer": {"type": "adam", "learningRate": 0.001}}}
            """;

    @BeforeEach
    void connect() {
        connectAs("sweeps");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Reply preview(String parameters, String rest) {
        return api.send("POST", "/api/v1/sweeps/preview", "{\"template\": " + TEMPLATE + ", \"parameters\": " + parameters
                + rest + "}", "X-API-Key", key, "Content-Type", "application/json");
    }

    private JsonNode invalid(String parameters, String rest) {
        return assertProblem(preview(parameters, rest), 400, "validation-failed");
    }

    @Test
    void aGridPreviewCountsEveryCombinationAndShowsTheFirstTrials() {
        Reply reply = preview("""
                [{"path": "training.optimizer.type", "values": ["sgd", "adam"]},
                 {"path": "training.optimizer.learningRate", "min": 0.001, "max": 0.1, "scale": "log", "count": 3}]
                """, "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode preview = reply.json();
        assertThat(preview.path("algorithm").asString()).isEqualTo("grid");
        assertThat(preview.path("trials").asInt()).isEqualTo(6);
        assertThat(preview.path("gridSize").asInt()).isEqualTo(6);
        assertThat(preview.path("first")).hasSize(5);
        JsonNode fourth = preview.path("first").get(3);
        assertThat(fourth.path("parameters").path("training.optimizer.type").asString()).isEqualTo("adam");
        assertThat(fourth.path("spec").path("training").path("optimizer").path("type").asString()).isEqualTo("adam");
        assertThat(fourth.path("spec").path("training").path("optimizer").path("learningRate").asDouble())
                .isCloseTo(0.001, within(1e-12));
        assertThat(fourth.path("spec").path("model").path("layers").get(0).path("units").asInt()).isEqualTo(32);
    }

    @Test
    void aRandomPreviewIsReproducibleFromItsSeed() {
        String parameters = """
                [{"path": "training.optimizer.learningRate", "min": 0.0001, "max": 0.1, "scale": "log"},
                 {"path": "model.layers[0].units", "min": 8, "max": 64, "scale": "integer"},
                 {"path": "model.layers[1].rate", "min": 0.0, "max": 0.5}]
                """;
        String search = ", \"algorithm\": {\"type\": \"random\", \"seed\": 11}, \"limits\": {\"maxTrials\": 12}";
        JsonNode first = preview(parameters, search).json();
        assertThat(first.path("trials").asInt()).isEqualTo(12);
        assertThat(first.path("gridSize").isMissingNode() || first.path("gridSize").isNull()).isTrue();
        assertThat(preview(parameters, search).json().path("first")).isEqualTo(first.path("first"));
        for (JsonNode trial : first.path("first")) {
            assertThat(trial.path("parameters").path("model.layers[0].units").asInt()).isBetween(8, 64);
            assertThat(trial.path("spec").path("model").path("layers").get(1).path("rate").asDouble()).isBetween(0.0, 0.5);
        }
        assertThat(preview(parameters, search.replace("11", "12")).json().path("first")).isNotEqualTo(first.path("first"));
    }

    @Test
    void everyBadSweepIsExplainedByTheParameterAtFault() {
        assertThat(invalid("""
                [{"path": "model.layers[0].units", "values": [8, 16, 32, 64, 128, 256, 512]},
                 {"path": "training.optimizer.learningRate", "min": 0.0001, "max": 0.1, "scale": "log", "count": 30}]
                """, "").path("errors").findValuesAsString("field")).containsExactly("parameters");
        assertThat(invalid("[{\"path\": \"training.optimizer.learningRate\", \"min\": 0.001, \"max\": 0.1}]", "")
                .path("errors").findValuesAsString("field")).containsExactly("parameters[0].count");
        assertThat(invalid("[{\"path\": \"training.optimizer.learningRate\", \"min\": 0, \"max\": 0.1, \"scale\": \"log\","
                + " \"count\": 3}]", "").path("errors").findValuesAsString("field")).containsExactly("parameters[0].min");
        JsonNode missing = invalid("[{\"path\": \"model.layers[5].units\", \"values\": [8]}]", "");
        assertThat(missing.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(missing.path("detail").asString()).contains("element 5");
        JsonNode wrongType = invalid("[{\"path\": \"model.layers[0].units\", \"values\": [16, \"many\"]}]", "");
        assertThat(wrongType.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(wrongType.path("detail").asString()).contains("trial 1");
        JsonNode unknownField = invalid("[{\"path\": \"training.optimizer.speed\", \"values\": [1]}]", "");
        assertThat(unknownField.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        JsonNode badValue = invalid("[{\"path\": \"training.optimizer.learningRate\", \"values\": [0.01, -1]}]", "");
        assertThat(badValue.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(invalid("[{\"path\": \"model.layers[0].units\", \"values\": [8]}]",
                ", \"objective\": {\"metric\": \"val_happiness\"}, \"algorithm\": {\"type\": \"genetic\"}")
                .path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("objective.metric", "algorithm.type");
        JsonNode template = assertProblem(api.send("POST", "/api/v1/sweeps/preview", "{\"template\": "
                + TEMPLATE.replace("\"epochs\": 5", "\"epochs\": -5") + ", \"parameters\": []}", "X-API-Key", key,
                "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(template.path("errors").findValuesAsString("field")).allMatch(field -> field.startsWith("template."));
        assertThat(template.path("detail").asString()).contains("epochs");
    }

    private long storedSweeps() {
        return jdbc.queryForObject("select count(*) from sweep where owner = ?", Long.class, owner);
    }

    @Test
    void aTrialOverAJobLimitIsRefusedAtPreviewAndCreationNamingItsParameter() {
        String tooMany = "{\"type\": \"residual\", \"layers\": [" + String.join(", ",
                Collections.nCopies(70, "{\"type\": \"dropout\", \"rate\": 0.1}")) + "]}";
        String layers = "[{\"path\": \"model.layers[1]\", \"values\": [{\"type\": \"dropout\", \"rate\": 0.2}, "
                + tooMany + "]}]";
        JsonNode preview = invalid(layers, "");
        assertThat(preview.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(preview.path("detail").asString()).contains("trial 1", "model.layers[1].layers[62]",
                "trainyard.jobs.max-layers");
        String units = "[{\"path\": \"model.layers[0].units\", \"values\": [32, 100000]}]";
        JsonNode parameters = invalid(units, "");
        assertThat(parameters.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(parameters.path("detail").asString()).contains("trial 1", "trainyard.jobs.max-parameters");
        assertThat(assertProblem(create(layers, ""), 400, "validation-failed").path("errors").findValuesAsString("field"))
                .containsExactly("parameters[0]");
        assertThat(storedSweeps()).isZero();
    }

    @Test
    void aSweepWhoseEveryTrialTheDatasetRefusesIsRefusedWithTheJobsProblems() {
        // digits has 10 classes: a sigmoid output decides between two, and val_r2 is a regression metric
        String outputs = "[{\"path\": \"model.output\", \"values\": [\"sigmoid\"]}, {\"path\": "
                + "\"training.earlyStopping\", \"values\": [{\"monitor\": \"val_r2\"}]}]";
        JsonNode preview = invalid(outputs, "");
        assertThat(preview.path("errors").findValuesAsString("field")).containsExactly("parameters[0]", "parameters[1]");
        assertThat(preview.path("errors").findValuesAsString("message")).anySatisfy(message -> assertThat(message)
                .contains("trial 0", "model.output", "set model.output to softmax")).anySatisfy(message ->
                assertThat(message).contains("training.earlyStopping.monitor", "'val_r2'", "classification"));
        assertThat(assertProblem(create(outputs, ""), 400, "validation-failed").path("errors")
                .findValuesAsString("field")).containsExactly("parameters[0]", "parameters[1]");
        assertThat(storedSweeps()).isZero();
    }

    @Test
    void aNameLongerThanItsColumnIsRefusedBeforeTheSweepIsStored() {
        Reply named = api.send("POST", "/api/v1/sweeps", "{\"name\": \"" + "s".repeat(201) + "\", \"template\": "
                + TEMPLATE + ", \"parameters\": [{\"path\": \"training.epochs\", \"values\": [1]}]}", "X-API-Key", key,
                "Content-Type", "application/json");
        JsonNode problem = assertProblem(named, 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("name");
        assertThat(storedSweeps()).isZero();
    }

    private Reply create(String parameters, String rest) {
        return api.send("POST", "/api/v1/sweeps", "{\"name\": \"s\", \"template\": " + TEMPLATE + ", \"parameters\": "
                + parameters + rest + "}", "X-API-Key", key, "Content-Type", "application/json");
    }

    private JsonNode sweep(String id) {
        return api.get("/api/v1/sweeps/" + id, "X-API-Key", key).json();
    }

    private JsonNode awaitSweep(String id, Predicate<JsonNode> done) throws InterruptedException {
        return awaitResource("/api/v1/sweeps/" + id, done, Duration.ofSeconds(30));
    }

    /** Holds {@code check} over three of the scheduler's ticks (200 ms in tests), polling it all along. */
    private static void assertForSweepTicks(ThrowingRunnable check) {
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).untilAsserted(check);
    }

    private void cancelJob(String jobId) {
        assertThat(api.send("POST", "/api/v1/jobs/" + jobId + "/cancel", null, "X-API-Key", key).status()).isEqualTo(200);
    }

    @Test
    void aSweepKeepsAtMostItsParallelTrialsQueuedAndStopsAtItsMaximum() throws InterruptedException {
        Reply created = create("[{\"path\": \"model.layers[0].units\", \"values\": [8, 16, 24, 32]}]",
                ", \"limits\": {\"maxParallel\": 2}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/sweeps/" + id);
        assertThat(created.json().path("trialsCreated").asInt()).isEqualTo(2);
        assertThat(created.json().path("counts").path("queued").asInt()).isEqualTo(2);

        JsonNode trials = api.get("/api/v1/jobs?sweep=" + id + "&sort=oldest", "X-API-Key", key).json();
        assertThat(trials.findValues("trialIndex").stream().map(JsonNode::asInt)).containsExactly(0, 1);
        assertThat(trials.get(1).path("spec").path("model").path("layers").get(0).path("units").asInt()).isEqualTo(16);
        assertForSweepTicks(() -> assertThat(sweep(id).path("trialsCreated").asInt()).as("no room, no new trial")
                .isEqualTo(2));

        for (int next = 2; next <= 4; next++) {
            cancelJob(sweep(id).path("trials").get(next - 2).path("jobId").asString());
            int expected = next;
            awaitSweep(id, shown -> shown.path("trialsCreated").asInt() == Math.min(4, expected + 1)
                    || shown.path("trialsCreated").asInt() == 4);
        }
        JsonNode shown = sweep(id);
        assertThat(shown.path("trialsCreated").asInt()).isEqualTo(4);
        shown.path("trials").forEach(trial -> {
            if (trial.path("status").asString().equals("queued")) {
                cancelJob(trial.path("jobId").asString());
            }
        });
        JsonNode done = awaitSweep(id, s -> s.path("status").asString().equals("completed"));
        assertThat(done.path("counts").path("cancelled").asInt()).isEqualTo(4);
        assertThat(done.path("trials").findValues("index").stream().map(JsonNode::asInt)).containsExactly(0, 1, 2, 3);
        assertThat(done.path("trials").get(3).path("parameters").path("model.layers[0].units").asInt()).isEqualTo(32);
        assertThat(done.path("stopReason").asString()).contains("all 4 trials ended");
    }

    @Test
    void cancellingASweepCancelsItsQueuedTrialsAndQueuesNoMore() throws InterruptedException {
        String id = create("[{\"path\": \"training.optimizer.learningRate\", \"min\": 0.0001, \"max\": 0.1, "
                + "\"scale\": \"log\"}]", ", \"algorithm\": {\"type\": \"random\"}, \"limits\": {\"maxTrials\": 10, "
                + "\"maxParallel\": 3}").json().path("id").asString();
        JsonNode cancelled = api.send("POST", "/api/v1/sweeps/" + id + "/cancel", null, "X-API-Key", key).json();
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("counts").path("cancelled").asInt()).isEqualTo(3);
        assertForSweepTicks(() -> assertThat(sweep(id).path("trialsCreated").asInt()).as("a cancelled sweep queues no more")
                .isEqualTo(3));
        assertThat(api.send("POST", "/api/v1/sweeps/" + id + "/cancel", null, "X-API-Key", key).json().path("status")
                .asString()).as("idempotent").isEqualTo("cancelled");
        assertThat(api.get("/api/v1/sweeps", "X-API-Key", key).json().findValuesAsString("id")).contains(id);
        assertProblem(api.get("/api/v1/sweeps/" + UUID.randomUUID(), "X-API-Key", key), 404, "not-found");
        assertProblem(api.get("/api/v1/sweeps/" + id + "?sort=luck", "X-API-Key", key), 400, "invalid-request");
    }

    @Test
    void aSweepWhoseNextTrialCannotBeQueuedFailsWithTheReasonInsteadOfWaitingForever() throws InterruptedException {
        // A trial planned with its sweep whose dataset is gone by its turn.
        String id = create("[{\"path\": \"model.layers[0].units\", \"values\": [8, 16]}]",
                ", \"limits\": {\"maxParallel\": 1}").json().path("id").asString();
        jdbc.update("update sweep_trial set effective_spec = replace(effective_spec, 'builtin:digits', 'builtin:gone') "
                + "where sweep_id = (select id from sweep where public_id = ?)", UUID.fromString(id));
        assertFailsAtItsSecondTrial(id);

        // A trial planned only at its turn (its sweep predates kept trials) whose spec is no longer valid then.
        String older = create("[{\"path\": \"model.layers[0].units\", \"values\": [8, 16]}]",
                ", \"limits\": {\"maxParallel\": 1}").json().path("id").asString();
        jdbc.update("delete from sweep_trial where trial_index > 0 and sweep_id = (select id from sweep where "
                + "public_id = ?)", UUID.fromString(older));
        jdbc.update("update sweep set request_json = replace(request_json, 'builtin:digits', 'builtin:gone') "
                + "where public_id = ?", UUID.fromString(older));
        assertFailsAtItsSecondTrial(older);
    }

    private void assertFailsAtItsSecondTrial(String id) throws InterruptedException {
        sweep(id).path("trials").forEach(trial -> cancelJob(trial.path("jobId").asString()));
        JsonNode failed = awaitSweep(id, s -> !s.path("status").asString().equals("running"));
        assertThat(failed.path("status").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("stopReason").asString()).contains("trial 1 cannot be queued", "builtin:gone");
        assertThat(failed.path("trialsCreated").asInt()).isEqualTo(1);
    }

    @Test
    void everyTrialIsPlannedOnceWithItsSweepAndRunsAsPlanned() {
        String id = create("[{\"path\": \"model.layers[0].units\", \"values\": [8, 16, 24]}]",
                ", \"limits\": {\"maxParallel\": 1}").json().path("id").asString();
        List<String> planned = jdbc.queryForList("select t.effective_spec from sweep_trial t join sweep s on s.id = "
                + "t.sweep_id where s.public_id = ? order by t.trial_index", String.class, UUID.fromString(id));
        assertThat(planned).hasSize(3);
        assertThat(JSON.readTree(planned.get(2)).path("model").path("layers").path(0).path("units").asInt()).isEqualTo(24);
        assertThat(JSON.readTree(planned.get(2)).path("training").path("optimizer").path("beta1").asDouble())
                .as("filled in").isEqualTo(0.9);
        String first = sweep(id).path("trials").path(0).path("jobId").asString();
        assertThat(jdbc.queryForObject("select effective_spec from job where public_id = ?", String.class,
                UUID.fromString(first))).isEqualTo(planned.get(0));
    }

    @Test
    void anEndedSweepCanBeExtendedWithinItsGrid() throws InterruptedException {
        String id = create("[{\"path\": \"model.layers[0].units\", \"values\": [8, 16, 24, 32]}]",
                ", \"limits\": {\"maxTrials\": 2}").json().path("id").asString();
        sweep(id).path("trials").forEach(trial -> cancelJob(trial.path("jobId").asString()));
        awaitSweep(id, s -> s.path("status").asString().equals("completed"));

        Reply extended = api.send("POST", "/api/v1/sweeps/" + id + "/extend", "{\"trials\": 2}", "X-API-Key", key,
                "Content-Type", "application/json");
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().path("status").asString()).isEqualTo("running");
        assertThat(extended.json().path("maxTrials").asInt()).isEqualTo(4);
        assertThat(extended.json().path("trialsCreated").asInt()).isEqualTo(4);
        assertThat(extended.json().path("trials").get(3).path("parameters").path("model.layers[0].units").asInt())
                .isEqualTo(32);
        assertProblem(api.send("POST", "/api/v1/sweeps/" + id + "/extend", "{\"trials\": 1}", "X-API-Key", key,
                "Content-Type", "application/json"), 400, "validation-failed");
    }

    @Test
    void theShippedSweepsPreviewAsTheyAreAndShowInSwaggerUi() {
        OperationExamples.load(SweepExamples.FOLDER).forEach((name, sweep) -> {
            Reply preview = api.send("POST", "/api/v1/sweeps/preview", sweep, "X-API-Key", key, "Content-Type",
                    "application/json");
            assertThat(preview.status()).as(name + ": " + preview.body()).isEqualTo(200);
        });
        JsonNode shown = api.get("/v3/api-docs").json().path("paths").path("/api/v1/sweeps").path("post")
                .path("requestBody").path("content").path("application/json").path("examples");
        assertThat(shown.propertyNames()).containsExactlyInAnyOrderElementsOf(OperationExamples.load(SweepExamples.FOLDER).keySet());
    }
}

package dev.trainyard.analysis;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import tools.jackson.databind.JsonNode;

/**
 * Hessian analyses of trained jobs through the API, run by this node's analysis worker: queued, run, stored, listed,
 * cancelled, limited and owner-only, on H2 ({@link AnalysisH2IT}) and PostgreSQL ({@link AnalysisPostgresIT}).
 */
@TestPropertySource(properties = {"trainyard.worker.slots=2", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=3s",
        "trainyard.worker.metrics-flush-interval=100ms", "trainyard.analyses.poll-interval=100ms",
        "trainyard.analyses.lease-duration=5s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AnalysisScenarios extends ApiScenarios {

    private static final String IRIS = """
            {"name": "iris-tanh", "dataset": {"id": "builtin:iris"},
             "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}]},
             "training": {"epochs": 60, "optimizer": {"type": "adam", "learningRate": 0.02}}}
            """;

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        jdbc.update("delete from analysis");
        connectAs("analyses");
    }

    private String trained(String spec) {
        String id = accepted("/api/v1/jobs", spec);
        JsonNode job = awaitResource("/api/v1/jobs/" + id, j -> j.path("phase").asString().equals("finished"),
                Duration.ofSeconds(120));
        assertThat(job.path("status").asString()).isEqualTo("succeeded");
        return id;
    }

    private Reply analyse(String job, String body) {
        return api.send("POST", "/api/v1/jobs/" + job + "/analyses", body, "X-API-Key", key, "Content-Type",
                "application/json");
    }

    private JsonNode awaitStatus(String analysis, String status) {
        return awaitResource("/api/v1/analyses/" + analysis, a -> a.path("status").asString().equals(status),
                Duration.ofSeconds(120));
    }

    @Test
    void aHessianAnalysisOfATrainedJobIsQueuedRunAndKeptWithItsVerdictEigenvaluesAndSharpness() {
        String job = trained(IRIS);
        Reply queued = analyse(job, "{\"type\": \"hessian\", \"topK\": 3, \"bottomK\": 2, \"samples\": 100, "
                + "\"traceSamples\": 50}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String id = queued.json().path("id").asString();
        assertThat(queued.header("Location")).endsWith("/api/v1/analyses/" + id);
        assertThat(queued.json().path("status").asString()).isIn("queued", "running");

        JsonNode done = awaitStatus(id, "succeeded");
        JsonNode result = done.path("result");
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(result.path("verdict").asString()).isIn("minimum", "saddle", "flat");
        JsonNode top = result.path("topEigenvalues");
        assertThat(top).hasSize(3);
        assertThat(top.get(0).asDouble()).isGreaterThanOrEqualTo(top.get(1).asDouble())
                .isGreaterThanOrEqualTo(top.get(2).asDouble()).isPositive();
        assertThat(result.path("bottomEigenvalues")).hasSize(2);
        assertThat(result.path("sharpness").asDouble()).isEqualTo(top.get(0).asDouble());
        assertThat(result.path("edgeOfStability").asDouble()).as("2 / learning rate 0.02").isCloseTo(100, within(1e-9));
        assertThat(result.path("samples").asInt()).isEqualTo(100);
        // 4 inputs, 8 tanh units, 3 classes: 4 * 8 + 8 + 8 * 3 + 3
        assertThat(result.path("parameters").asInt()).isEqualTo(67);
        assertThat(result.path("density").path("density")).isNotEmpty();
        assertThat(result.path("evidence").path("largestEigenvalue").asDouble()).isEqualTo(top.get(0).asDouble());

        JsonNode listed = api.get("/api/v1/jobs/" + job + "/analyses", "X-API-Key", key).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asString()).isEqualTo(id);
    }

    @Test
    void aLandscapeHasTheLossAlongTwoDirectionsAndOverTheirPlaneWithTheTrainedLossAtItsCenter() {
        String job = trained(IRIS);
        String id = analyse(job, "{\"type\": \"landscape\", \"points\": 11, \"grid\": 5, \"span\": 0.5, "
                + "\"samples\": 100}").json().path("id").asString();
        JsonNode result = awaitStatus(id, "succeeded").path("result");
        assertThat(result.path("steps")).hasSize(11);
        assertThat(result.path("steps").get(0).asDouble()).isEqualTo(-0.5);
        assertThat(result.path("alongTopEigenvector")).hasSize(11);
        assertThat(result.path("alongRandomDirection")).hasSize(11);
        JsonNode grid = result.path("grid").path("loss");
        assertThat(grid).hasSize(5);
        double center = result.path("center").asDouble();
        assertThat(result.path("alongTopEigenvector").get(5).asDouble()).isCloseTo(center, within(1e-12));
        assertThat(grid.get(2).get(2).asDouble()).isCloseTo(center, within(1e-12));
        assertThat(result.path("topEigenvalue").asDouble()).isPositive();
        JsonNode refused = assertProblem(analyse(job, "{\"type\": \"landscape\", \"grid\": 999, \"span\": 0}"),
                400, "validation-failed");
        assertThat(refused.toString()).contains("trainyard.analyses.max-landscape-grid", "span");
    }

    @Test
    void aQueuedAnalysisIsCancelledAtOnceAndARunningOneAtItsNextStep() {
        String job = trained("""
                {"dataset": {"id": "builtin:digits"}, "model": {"layers": [{"type": "dense", "units": 64}]},
                 "training": {"epochs": 5}}
                """);
        String slow = "{\"type\": \"hessian\", \"samples\": 1000, \"steps\": 200, \"traceSamples\": 500, "
                + "\"densityRuns\": 10}";
        String running = analyse(job, slow).json().path("id").asString();
        String waiting = analyse(job, slow).json().path("id").asString();
        awaitStatus(running, "running");

        Reply cancelled = api.send("POST", "/api/v1/analyses/" + waiting + "/cancel", "", "X-API-Key", key);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).as("the one worker is busy: still queued")
                .isEqualTo("cancelled");
        assertThat(api.send("POST", "/api/v1/analyses/" + running + "/cancel", "", "X-API-Key", key).status())
                .isEqualTo(200);
        JsonNode stopped = awaitStatus(running, "cancelled");
        assertThat(stopped.path("result").isNull()).isTrue();
        assertProblem(api.send("POST", "/api/v1/analyses/" + running + "/cancel", "", "X-API-Key", key), 409,
                "conflict");
    }

    @Test
    void limitsUnknownTypesUnfinishedJobsAndOtherOwnersAreRefusedWithWhatToDo() {
        String job = trained(IRIS);
        JsonNode tooMany = assertProblem(analyse(job, "{\"type\": \"hessian\", \"topK\": 999, \"samples\": 0}"), 400,
                "validation-failed");
        assertThat(tooMany.toString()).contains("topK", "trainyard.analyses.max-eigenvalues", "samples",
                "trainyard.analyses.max-samples");
        JsonNode unknown = assertProblem(analyse(job, "{\"type\": \"landscapes\"}"), 400, "validation-failed");
        assertThat(unknown.toString()).contains("type", "hessian", "landscape");

        String queued = accepted("/api/v1/jobs", IRIS.replace("\"epochs\": 60", "\"epochs\": 5000"));
        JsonNode busy = assertProblem(analyse(queued, "{\"type\": \"hessian\"}"), 409, "conflict");
        assertThat(busy.path("detail").asString()).contains("succeeded");
        api.send("POST", "/api/v1/jobs/" + queued + "/cancel", "", "X-API-Key", key);

        String mine = analyse(job, "{\"type\": \"hessian\", \"samples\": 50, \"traceSamples\": 10}").json()
                .path("id").asString();
        assertProblem(api.get("/api/v1/analyses/not-an-id", "X-API-Key", key), 404, "not-found");
        connectAs("someone-else");
        assertProblem(api.get("/api/v1/analyses/" + mine, "X-API-Key", key), 404, "not-found");
        assertProblem(analyse(job, "{\"type\": \"hessian\"}"), 404, "not-found");
        assertProblem(api.get("/api/v1/jobs/" + job + "/analyses", "X-API-Key", key), 404, "not-found");
    }

    @Test
    void anAnalysisWhoseNodeStoppedAnsweringIsQueuedAgainAndFailsAfterItsLastAttempt() {
        String job = trained(IRIS);
        String id = analyse(job, "{\"type\": \"hessian\", \"samples\": 50, \"traceSamples\": 10}").json().path("id")
                .asString();
        awaitStatus(id, "succeeded");
        AnalysisStore store = context.getBean(AnalysisStore.class);
        jdbc.update("update analysis set status = 'running', attempt = 1, lease_owner = 'gone', lease_until = "
                + "current_timestamp - interval '1' second, result_json = null where public_id = ?",
                java.util.UUID.fromString(id));
        assertThat(store.requeueExpired(3)).isEqualTo(1);
        JsonNode again = awaitStatus(id, "succeeded");
        assertThat(again.path("attempts").asInt()).as("claimed again").isEqualTo(2);
        jdbc.update("update analysis set status = 'running', attempt = 3, lease_owner = 'gone', lease_until = "
                + "current_timestamp - interval '1' second where public_id = ?", java.util.UUID.fromString(id));
        store.requeueExpired(3);
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.path("error").asString()).contains("stopped answering 3 times");
    }

    private static final String MOONS = """
            {"name": "moons-probes", "dataset": {"generate": {"kind": "moons", "samples": 300, "noise": 0.1, "seed": 3}},
             "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}]},
             "training": {"epochs": 20, "optimizer": {"type": "sgd", "learningRate": 0.1},
                          "analyses": {"sharpnessEvery": 5},
                          "snapshots": {"decisionBoundaryEvery": 5, "modelEvery": 10}}}
            """;

    private Reply rangeTest(String body) {
        return api.send("POST", "/api/v1/lr-range-tests", body, "X-API-Key", key, "Content-Type", "application/json");
    }

    @Test
    void aRangeTestOfATemplateRunsOnAWorkerAndSuggestsARateFromItsCurveWithItsReasoning() {
        Reply queued = rangeTest("{\"template\": " + IRIS + ", \"minLr\": 1e-5, \"maxLr\": 10, \"steps\": 60}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String id = queued.json().path("id").asString();
        assertThat(queued.header("Location")).endsWith("/api/v1/lr-range-tests/" + id);
        assertThat(queued.json().path("job").isNull()).isTrue();
        assertThat(queued.json().path("type").asString()).isEqualTo("lr-range");

        JsonNode done = awaitResource("/api/v1/lr-range-tests/" + id, a -> a.path("status").asString()
                .equals("succeeded"), Duration.ofSeconds(120));
        JsonNode result = done.path("result");
        JsonNode rates = result.path("learningRates");
        assertThat(rates.size()).isBetween(2, 60).isEqualTo(result.path("smoothed").size())
                .isEqualTo(result.path("losses").size());
        double ratio = Math.pow(10 / 1e-5, 1.0 / 59);
        assertThat(rates.get(0).asDouble()).isCloseTo(1e-5, within(1e-15));
        assertThat(rates.get(1).asDouble() / rates.get(0).asDouble()).as("exponential steps").isCloseTo(ratio,
                within(1e-9));
        double suggested = result.path("suggested").asDouble();
        assertThat(suggested).isIn(result.path("steepest").asDouble(), result.path("minimumOverTen").asDouble());
        assertThat(result.path("reasoning").asString()).contains("suggestion");
        assertThat(api.get("/api/v1/lr-range-tests", "X-API-Key", key).json().findValuesAsString("id")).contains(id);
        assertProblem(api.get("/api/v1/lr-range-tests/not-an-id", "X-API-Key", key), 404,
                "not-found");

        JsonNode faults = assertProblem(rangeTest("{\"template\": " + IRIS.replace("\"epochs\": 60",
                "\"epochs\": -3") + ", \"minLr\": 0, \"maxLr\": 1000, \"steps\": 5000}"), 400, "validation-failed");
        assertThat(faults.path("errors").findValuesAsString("field")).as("every fault in one answer")
                .contains("minLr", "maxLr", "steps", "template.training");
        assertThat(faults.toString()).contains("trainyard.analyses.max-range-steps", "trainyard.analyses.max-range-lr",
                "epochs");
        assertThat(assertProblem(rangeTest("{}"), 400, "validation-failed").toString()).contains("template");

        connectAs("someone-else");
        assertProblem(api.get("/api/v1/lr-range-tests/" + id, "X-API-Key", key), 404, "not-found");
        assertThat(api.get("/api/v1/lr-range-tests", "X-API-Key", key).json()).isEmpty();
    }

    @Test
    void aJobWhoseLearningRateIsAutoRunsARangeTestFirstAndTrainsWithItsSuggestion() {
        String id = trained(IRIS.replace("\"learningRate\": 0.02", "\"learningRate\": \"auto\""));
        JsonNode job = api.get("/api/v1/jobs/" + id, "X-API-Key", key).json();
        JsonNode search = job.path("learningRateSearch");
        double suggested = search.path("suggested").asDouble();
        assertThat(suggested).as(job.toString()).isPositive();
        assertThat(search.path("learningRates")).isNotEmpty();
        assertThat(job.path("effectiveSpec").path("training").path("optimizer").path("learningRate").asString())
                .isEqualTo("auto");
        JsonNode rates = api.get("/api/v1/jobs/" + id + "/metrics/learning_rate", "X-API-Key", key).json()
                .path("points");
        assertThat(rates.get(0).path("value").asDouble()).as("trained with the suggestion")
                .isCloseTo(suggested, within(suggested * 1e-9));

        JsonNode wrong = assertProblem(api.send("POST", "/api/v1/jobs", IRIS.replace("\"learningRate\": 0.02",
                "\"learningRate\": \"fast\""), "X-API-Key", key, "Content-Type", "application/json"), 400,
                "malformed-body");
        assertThat(wrong.path("errors").get(0).path("field").asString()).isEqualTo("training.optimizer.learningRate");
        assertThat(wrong.toString()).contains("a number or \\\"auto\\\"");
    }

    @Test
    void aJobStoresItsDecisionBoundarySharpnessAndModelEveryNEpochsAndAnAnalysisTakesAStoredEpoch() {
        String id = trained(MOONS);
        JsonNode epochs = api.get("/api/v1/jobs/" + id + "/decision-boundaries", "X-API-Key", key).json();
        assertThat(epochs.path("epochs").toString()).isEqualTo("[4,9,14,19]");
        JsonNode grid = api.get("/api/v1/jobs/" + id + "/decision-boundary?epoch=9", "X-API-Key", key).json();
        assertThat(grid.path("epoch").asInt()).isEqualTo(9);
        assertThat(grid.path("probabilities")).hasSize(40);
        JsonNode cell = grid.path("probabilities").get(7).get(31);
        assertThat(cell.get(0).asDouble() + cell.get(1).asDouble()).isCloseTo(1, within(1e-9));
        assertThat(grid.path("points").path("x")).as("the training rows").hasSameSizeAs(api.get("/api/v1/jobs/" + id
                + "/decision-boundary?resolution=10", "X-API-Key", key).json().path("points").path("x"));
        assertThat(grid.path("features")).hasSize(2);
        JsonNode first = api.get("/api/v1/jobs/" + id + "/decision-boundary?epoch=4", "X-API-Key", key).json();
        assertThat(first.path("probabilities")).as("the boundary moved between epochs")
                .isNotEqualTo(grid.path("probabilities"));
        JsonNode missing = assertProblem(api.get("/api/v1/jobs/" + id + "/decision-boundary?epoch=3", "X-API-Key",
                key), 404, "not-found");
        assertThat(missing.path("detail").asString()).contains("[4, 9, 14, 19]");

        JsonNode sharpness = api.get("/api/v1/jobs/" + id + "/metrics/sharpness", "X-API-Key", key).json()
                .path("points");
        assertThat(sharpness.findValues("step").stream().map(JsonNode::asInt)).containsExactly(4, 9, 14, 19);
        assertThat(api.get("/api/v1/jobs/" + id + "/metrics/train_loss", "X-API-Key", key).json().path("points"))
                .as("the snapshots' writes keep every epoch's metrics").hasSize(20);
        JsonNode edge = api.get("/api/v1/jobs/" + id + "/metrics/edge_of_stability", "X-API-Key", key).json()
                .path("points");
        assertThat(edge.get(0).path("value").asDouble()).as("2 / 0.1").isCloseTo(20, within(1e-9));

        String analysis = analyse(id, "{\"type\": \"hessian\", \"epoch\": 9, \"topK\": 1, \"bottomK\": 1, "
                + "\"traceSamples\": 5, \"densityRuns\": 1}").json().path("id").asString();
        JsonNode result = awaitStatus(analysis, "succeeded").path("result");
        assertThat(result.path("sharpness").asDouble()).as("the analysis of epoch 9 and its probe: the same Hessian "
                + "over all 210 training rows").isCloseTo(sharpness.get(1).path("value").asDouble(),
                within(1e-3 * result.path("sharpness").asDouble()));
        JsonNode noModel = assertProblem(analyse(id, "{\"type\": \"hessian\", \"epoch\": 4}"), 409, "conflict");
        assertThat(noModel.path("detail").asString()).contains("[9, 19]");

        JsonNode notTwo = assertProblem(api.send("POST", "/api/v1/jobs", IRIS.replace("\"epochs\": 60",
                "\"epochs\": 60, \"snapshots\": {\"decisionBoundaryEvery\": 5}"), "X-API-Key", key,
                "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(notTwo.path("errors").get(0).path("field").asString())
                .isEqualTo("training.snapshots.decisionBoundaryEvery");
        JsonNode tooMany = assertProblem(api.send("POST", "/api/v1/jobs", MOONS.replace("\"sharpnessEvery\": 5",
                "\"sharpnessEvery\": -1").replace("\"modelEvery\": 10", "\"modelEvery\": 0").replace(
                "\"epochs\": 20", "\"epochs\": 1000").replace("\"decisionBoundaryEvery\": 5",
                "\"decisionBoundaryEvery\": 1"), "X-API-Key", key, "Content-Type", "application/json"), 400,
                "validation-failed");
        assertThat(tooMany.path("errors").findValuesAsString("field")).contains("training.analyses.sharpnessEvery",
                "training.snapshots.decisionBoundaryEvery");
        assertThat(tooMany.toString()).contains("would take 1001", "trainyard.jobs.max-snapshots");
    }
}

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
}

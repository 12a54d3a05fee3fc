package dev.trainyard.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiScenarios;
import tools.jackson.databind.JsonNode;

/**
 * Sweeps whose trials this node's worker slots train, on H2 ({@link SweepRunH2IT}) and PostgreSQL
 * ({@link SweepRunPostgresIT}). The context is closed after the class so its workers never claim other tests' jobs.
 */
@TestPropertySource(properties = {"trainyard.worker.slots=2", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=3s",
        "trainyard.worker.metrics-flush-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class SweepRunScenarios extends ApiScenarios {

    static final String SPIRALS = """
            {"dataset": {"generate": {"kind": "spirals", "samples": 600, "noise": 0.05, "seed": 4}},
             "model": {"layers": [{"type": "dense", "units": 32, "activation": "tanh"},
                                  {"type": "dense", "units": 32, "activation": "tanh"}]},
             "training": {"epochs": 150, "optimizer": {"type": "adam", "learningRate": 0.01}, "seed": 3}}
            """;

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("sweep-runs");
    }

    private String start(String body) {
        return accepted("/api/v1/sweeps", body);
    }

    private JsonNode awaitEnd(String id) throws InterruptedException {
        return awaitResource("/api/v1/sweeps/" + id, sweep -> !sweep.path("status").asString().equals("running"),
                Duration.ofSeconds(120));
    }

    @Test
    void aRandomSearchOnSpiralsFindsATrialAbove95PercentValidationAccuracy() throws InterruptedException {
        String id = start("""
                {"name": "spiral-search", "template": %s,
                 "parameters": [{"path": "training.optimizer.learningRate", "min": 0.003, "max": 0.03, "scale": "log"},
                                {"path": "model.layers[0].units", "min": 24, "max": 48, "scale": "integer"}],
                 "algorithm": {"type": "random", "seed": 5},
                 "objective": {"metric": "val_accuracy", "goal": "maximize"},
                 "limits": {"maxTrials": 4, "maxParallel": 2}}
                """.formatted(SPIRALS));
        JsonNode done = awaitEnd(id);

        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("counts").path("succeeded").asInt()).isEqualTo(4);
        assertThat(done.path("best").path("objective").asDouble()).isGreaterThan(0.95);
        double best = done.path("best").path("objective").asDouble();
        done.path("trials").forEach(trial -> assertThat(trial.path("objective").asDouble()).isLessThanOrEqualTo(best));
        JsonNode sorted = api.get("/api/v1/sweeps/" + id + "?sort=objective", "X-API-Key", key).json();
        assertThat(sorted.path("trials").get(0).path("jobId").asString()).isEqualTo(done.path("best").path("jobId").asString());
        assertThat(done.path("best").path("parameters").path("model.layers[0].units").asInt()).isBetween(24, 48);
    }

    @Test
    void aSweepStopsWhenTooManyTrialsFail() throws InterruptedException {
        String id = start("""
                {"template": %s,
                 "parameters": [{"path": "training.optimizer.learningRate", "values": [80, 90, 100, 0.01]},
                                {"path": "training.optimizer.type", "values": ["sgd"]}],
                 "limits": {"maxParallel": 1, "maxFailed": 2}}
                """.formatted(SPIRALS));
        JsonNode done = awaitEnd(id);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("failed");
        assertThat(done.path("counts").path("failed").asInt()).isEqualTo(2);
        assertThat(done.path("trialsCreated").asInt()).isEqualTo(2);
        assertThat(done.path("stopReason").asString()).contains("2 trials failed");
    }

    @Test
    void successiveHalvingPrunesATrialThatLagsAtItsFirstRung() throws InterruptedException {
        String id = start("""
                {"template": %s,
                 "parameters": [{"path": "training.optimizer.learningRate", "values": [0.01, 0.000001]}],
                 "pruning": {"type": "asha", "minEpochs": 2, "reductionFactor": 2},
                 "limits": {"maxParallel": 1}}
                """.formatted(SPIRALS.replace("\"epochs\": 150", "\"epochs\": 6000"))); // seconds, even with a warm JIT
        JsonNode done = awaitEnd(id);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        JsonNode lagging = done.path("trials").get(1);
        assertThat(lagging.path("status").asString()).as(done.toString()).isEqualTo("pruned");
        assertThat(done.path("counts").path("pruned").asInt()).isEqualTo(1);
        assertThat(done.path("best").path("index").asInt()).isZero();
        JsonNode job = api.get("/api/v1/jobs/" + lagging.path("jobId").asString(), "X-API-Key", key).json();
        assertThat(job.path("progress").path("epoch").asInt()).as("history kept").isBetween(2, 5999);
    }

    @Test
    void aGridOverOptimizersOnOneSeedIsComparedSideBySide() throws InterruptedException {
        String id = start("""
                {"template": %s,
                 "parameters": [{"path": "training.optimizer.type", "values": ["sgd", "momentum", "adam"]}],
                 "objective": {"metric": "val_accuracy", "goal": "maximize", "target": 0.9},
                 "limits": {"maxParallel": 3}}
                """.formatted(SPIRALS));
        JsonNode done = awaitEnd(id);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        JsonNode adam = done.path("trials").get(2);
        assertThat(adam.path("parameters").path("training.optimizer.type").asString()).isEqualTo("adam");
        assertThat(adam.path("epochsToTarget").asInt()).as(done.toString()).isBetween(1, 150);
        done.path("trials").forEach(trial -> assertThat(trial.path("finalObjective").isNumber()).isTrue());
        JsonNode sgd = done.path("trials").get(0);
        assertThat(sgd.path("epochsToTarget").isMissingNode() || sgd.path("epochsToTarget").isNull()
                || sgd.path("epochsToTarget").asInt() >= adam.path("epochsToTarget").asInt())
                .as("plain SGD at 0.01 is not faster than Adam: %s", done).isTrue();

        String jobs = String.join(",", done.path("trials").findValuesAsString("jobId"));
        JsonNode comparison = api.get("/api/v1/compare?jobs=" + jobs + "&metric=val_accuracy", "X-API-Key", key).json();
        assertThat(comparison.path("epochs")).hasSize(150);
        assertThat(comparison.path("series")).hasSize(3);
        assertThat(comparison.path("series").get(2).path("values").get(149).asDouble())
                .isEqualTo(adam.path("finalObjective").asDouble());
        JsonNode sampled = api.get("/api/v1/compare?jobs=" + jobs + "&metric=val_accuracy&maxPoints=10", "X-API-Key", key)
                .json();
        assertThat(sampled.path("epochs").get(0).asInt()).isZero();
        assertThat(sampled.path("epochs").get(9).asInt()).isEqualTo(149);

        String csv = api.get("/api/v1/sweeps/" + id + "/trials.csv", "X-API-Key", key).body();
        assertThat(csv.lines().toList()).hasSize(4);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("index,job_id,status,training.optimizer.type,objective");
        assertThat(csv).contains(",adam,");
    }

    @Test
    void aSweepStopsOnceATrialReachesItsCompletionTarget() throws InterruptedException {
        String id = start("""
                {"template": %s,
                 "parameters": [{"path": "training.optimizer.learningRate", "min": 0.005, "max": 0.02, "scale": "log"}],
                 "algorithm": {"type": "random", "seed": 2},
                 "objective": {"metric": "val_accuracy", "goal": "maximize"},
                 "completion": {"target": 0.9},
                 "limits": {"maxTrials": 10, "maxParallel": 1}}
                """.formatted(SPIRALS));
        JsonNode done = awaitEnd(id);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("stopReason").asString()).contains("reached the completion target 0.9");
        assertThat(done.path("trialsCreated").asInt()).isLessThan(10);
        assertThat(done.path("best").path("objective").asDouble()).isGreaterThanOrEqualTo(0.9);
    }
}

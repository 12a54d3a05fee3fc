package dev.trainyard.job;

import static dev.trainyard.job.JobStatus.FAILED;
import static dev.trainyard.job.JobStatus.SUCCEEDED;
import static dev.trainyard.support.JobAssert.assertThatJob;
import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.MutableClock;
import dev.trainyard.support.Sse;
import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.JsonNode;

/**
 * Jobs trained by this node's worker slots, followed through the HTTP API, on H2 ({@link JobRunH2IT}) and PostgreSQL
 * ({@link JobRunPostgresIT}). The context is closed after the class so its workers never claim other tests' jobs.
 */
@TestPropertySource(properties = {"trainyard.worker.slots=2", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=3s",
        "trainyard.worker.metrics-flush-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class JobRunScenarios extends ApiScenarios {

    static final String DIGITS = """
            {"name": "digits", "dataset": {"id": "builtin:digits", "seed": 7},
             "model": {"layers": [{"type": "dense", "units": 64, "activation": "relu"}]},
             "training": {"epochs": 30, "optimizer": {"type": "adam", "learningRate": 0.003}}}
            """;
    /** Thousands of epochs: runs until cancelled. */
    static final String ENDLESS = """
            {"dataset": {"id": "builtin:digits"}, "model": {"layers": [{"type": "dense", "units": 128}]},
             "training": {"epochs": 2000, "batch": {"mode": "mini_batch", "size": 16}}}
            """;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("runs");
    }

    private String submit(String spec) {
        return accepted("/api/v1/jobs", spec);
    }

    private JsonNode job(String id) {
        return api.get("/api/v1/jobs/" + id, "X-API-Key", key).json();
    }

    private JsonNode await(String id, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        return awaitResource("/api/v1/jobs/" + id, done, timeout);
    }

    private JsonNode finished(String id) throws InterruptedException {
        return await(id, shown -> shown.path("phase").asString().equals("finished"), Duration.ofSeconds(60));
    }

    @Test
    void aDigitsJobSubmittedOverHttpSucceedsWithTestAccuracyAbove96Percent() throws InterruptedException {
        String id = submit(DIGITS);
        JsonNode done = finished(id);

        assertThatJob(done).hasStatus(SUCCEEDED);
        assertThat(done.path("stopReason").asString()).isEqualTo("max_epochs");
        assertThat(done.path("test").path("metrics").path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.96);
        assertThat(done.path("test").path("rows").asInt()).isPositive();
        assertThat(done.path("progress").path("epoch").asInt()).isEqualTo(30);
        assertThat(done.path("progress").path("fraction").asDouble()).isEqualTo(1.0);
        assertThat(done.path("latest").path("epoch").asInt()).isEqualTo(29);
        assertThat(done.path("best").path("metrics").path("val_loss").asDouble())
                .isLessThanOrEqualTo(done.path("latest").path("metrics").path("val_loss").asDouble());
        assertThat(done.path("attempts").asInt()).isEqualTo(1);
        assertThat(done.path("node").asString()).isNotBlank();
        assertThat(done.path("startedAt").isMissingNode()).isFalse();
        assertThat(done.path("finishedAt").isMissingNode()).isFalse();

        JsonNode history = api.get("/api/v1/jobs/" + id + "/metrics/train_loss", "X-API-Key", key).json();
        assertThat(history.path("points").findValues("step").stream().map(JsonNode::asInt))
                .containsExactlyElementsOf(IntStream.range(0, 30).boxed().toList());
        JsonNode summaries = api.get("/api/v1/jobs/" + id + "/metrics", "X-API-Key", key).json();
        assertThat(summaries.findValuesAsString("name")).contains("train_loss", "val_loss", "val_accuracy", "grad_norm");
        Reply model = api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key);
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.json().path("format").asString()).isEqualTo("trainyard-model");
    }

    @Test
    void submissionWarningsStayNextToTheRunsAfterTheJobEnds() throws InterruptedException {
        String id = submit("""
                {"dataset": {"id": "builtin:iris"},
                 "model": {"layers": [{"type": "dense", "units": 4, "init": "zeros"}]},
                 "training": {"epochs": 2, "batch": {"mode": "mini_batch", "size": 500}}}
                """);
        JsonNode done = finished(id);
        assertThatJob(done).hasStatus(SUCCEEDED);
        List<String> warnings = new ArrayList<>();
        done.path("warnings").forEach(warning -> warnings.add(warning.asString()));
        assertThat(warnings).as(done.toString()).hasSize(2);
        assertThat(warnings.get(0)).startsWith("training.batch.size ").contains("whole split");
        assertThat(warnings.get(1)).startsWith("model.layers[0] ").contains("same weights");
        assertThat(done.path("stepsPerEpoch").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/jobs/" + id + "/metrics/train_loss", "X-API-Key", key).json()
                .path("stepsPerEpoch").asInt()).isEqualTo(1);
    }

    @Test
    void theShippedDigitsExampleReachesTestAccuracyAbove96Percent() throws InterruptedException {
        JsonNode done = finished(submit(OperationExamples.load(JobExamples.FOLDER).get("digits-classifier")));
        assertThatJob(done).hasStatus(SUCCEEDED);
        assertThat(done.path("test").path("metrics").path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.96);
    }

    @Test
    void aLearningRateOf50DivergesAndSaysWhatToDo() throws InterruptedException {
        String id = submit(OperationExamples.load(JobExamples.FOLDER).get("learning-rate-too-large"));
        JsonNode done = finished(id);

        assertThatJob(done).hasStatus(FAILED).hasFailureCode(FailureCode.DIVERGED)
                .hasFailureMessageContaining("learning rate 50", "too high");
        assertProblem(api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key), 409, "conflict");
    }

    @Test
    void aRunningJobCancelledStopsAndKeepsItsHistory() throws InterruptedException {
        String id = submit(ENDLESS);
        await(id, shown -> shown.path("latest").path("epoch").asInt(-1) >= 1, Duration.ofSeconds(30));

        Reply cancel = api.send("POST", "/api/v1/jobs/" + id + "/cancel", null, "X-API-Key", key);
        assertThat(cancel.status()).isEqualTo(200);
        JsonNode done = finished(id);
        assertThat(done.path("status").asString()).isEqualTo("cancelled");
        int epochs = done.path("progress").path("epoch").asInt();
        assertThat(epochs).isBetween(2, 1999);
        JsonNode history = api.get("/api/v1/jobs/" + id + "/metrics/train_loss", "X-API-Key", key).json();
        assertThat(history.path("points").size()).isEqualTo(epochs);
        assertThat(api.send("POST", "/api/v1/jobs/" + id + "/cancel", null, "X-API-Key", key).status()).isEqualTo(200);

        assertThat(api.send("DELETE", "/api/v1/jobs/" + id, null, "X-API-Key", key).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from metric_point p where not exists (select 1 from job j "
                + "where j.id = p.job_id)", Integer.class)).isZero();
    }

    @Test
    void eventsStreamEveryTransitionAndEpochAndResumeAfterLastEventId() throws InterruptedException {
        String id = submit(DIGITS.replace("\"epochs\": 30", "\"epochs\": 8"));
        List<Sse.Event> events = Sse.parse(api.get("/api/v1/jobs/" + id + "/events", "X-API-Key", key).body());

        assertThat(events.stream().filter(e -> e.name().equals("status")).map(e -> e.data().path("status").asString()))
                .containsExactly("queued", "running", "succeeded");
        assertThat(events.stream().filter(e -> e.name().equals("metrics")).map(e -> e.data().path("epoch").asInt()))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        List<Sse.Event> run = events.stream().filter(e -> !e.name().equals("diagnostic")).toList();
        assertThat(run.get(run.size() - 1).data().path("status").asString()).isEqualTo("succeeded");
        Sse.Event fifth = events.stream().filter(e -> e.name().equals("progress")).toList().get(4);
        assertThat(fifth.data().path("fraction").asDouble()).isEqualTo(5 / 8.0);

        List<Sse.Event> rest = Sse.parse(api.get("/api/v1/jobs/" + id + "/events", "X-API-Key", key,
                "Last-Event-ID", fifth.id()).body());
        assertThat(rest).extracting(Sse.Event::id).containsExactlyElementsOf(
                events.subList(events.indexOf(fifth) + 1, events.size()).stream().map(Sse.Event::id).toList());
        assertProblem(api.get("/api/v1/jobs/" + id + "/events", "X-API-Key", key, "Last-Event-ID", "soon"), 400,
                "invalid-request");
    }

    @Test
    void aDiagnosticsFindingIsStreamedOnceWhenFirstRaisedAndCountedOnTheJob() throws InterruptedException {
        String id = submit("""
                {"dataset": {"id": "builtin:iris"},
                 "model": {"layers": [{"type": "dense", "units": 16, "activation": "tanh", "init": "zeros"}]},
                 "training": {"epochs": 30, "optimizer": {"type": "sgd", "learningRate": 0.1}}}
                """);
        List<Sse.Event> events = Sse.parse(api.get("/api/v1/jobs/" + id + "/events", "X-API-Key", key).body());

        List<JsonNode> diagnostics = events.stream().filter(e -> e.name().equals("diagnostic")).map(Sse.Event::data)
                .toList();
        assertThat(diagnostics).extracting(d -> d.path("rule").asString()).containsOnlyOnce("symmetric_initialization");
        JsonNode symmetric = diagnostics.stream().filter(d -> d.path("rule").asString()
                .equals("symmetric_initialization")).findFirst().orElseThrow();
        assertThat(symmetric.path("severity").asString()).isEqualTo("critical");
        assertThat(symmetric.path("layers").get(0).asString()).isEqualTo("layer0");
        assertThat(symmetric.path("raisedAt").asString()).isNotEmpty();
        assertThat(api.get("/api/v1/jobs/" + id, "X-API-Key", key).json().path("findings").path("critical").asInt())
                .isGreaterThanOrEqualTo(1);

        List<Sse.Event> again = Sse.parse(api.get("/api/v1/jobs/" + id + "/events", "X-API-Key", key).body());
        assertThat(again.stream().filter(e -> e.name().equals("diagnostic"))).as("one event per finding, not per "
                + "diagnosis").hasSameSizeAs(diagnostics);
    }

    @Test
    void pollingWithTheETagAnswers304UntilTheJobChanges() throws InterruptedException {
        String id = submit(DIGITS.replace("\"epochs\": 30", "\"epochs\": 3"));
        finished(id);
        Reply first = api.get("/api/v1/jobs/" + id, "X-API-Key", key);
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        Reply again = api.get("/api/v1/jobs/" + id, "X-API-Key", key, "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        api.send("DELETE", "/api/v1/jobs/" + id, null, "X-API-Key", key);
        assertProblem(api.get("/api/v1/jobs/" + id, "X-API-Key", key, "If-None-Match", etag), 404, "not-found");
    }

    @Test
    void metricHistoriesPageByStepAndDownSampleKeepingExtremes() throws InterruptedException {
        String id = submit(DIGITS);
        finished(id);
        Reply page = api.get("/api/v1/jobs/" + id + "/metrics/val_loss?fromStep=10&size=5", "X-API-Key", key);
        assertThat(page.json().path("points").findValues("step").stream().map(JsonNode::asInt))
                .containsExactly(10, 11, 12, 13, 14);
        assertThat(page.header("X-Next-From-Step")).isEqualTo("15");

        JsonNode all = api.get("/api/v1/jobs/" + id + "/metrics/val_loss", "X-API-Key", key).json().path("points");
        JsonNode sampled = api.get("/api/v1/jobs/" + id + "/metrics/val_loss?maxPoints=6", "X-API-Key", key).json()
                .path("points");
        assertThat(sampled.size()).isLessThanOrEqualTo(6);
        double min = all.findValues("value").stream().mapToDouble(JsonNode::asDouble).min().orElseThrow();
        assertThat(sampled.findValues("value").stream().mapToDouble(JsonNode::asDouble).min().orElseThrow())
                .isEqualTo(min);
        assertProblem(api.get("/api/v1/jobs/" + id + "/metrics/val_loss?maxPoints=1", "X-API-Key", key), 400,
                "validation-failed");
        assertProblem(api.get("/api/v1/jobs/" + id + "/metrics/accuracy_of_nothing", "X-API-Key", key), 404,
                "not-found");
    }

    @Test
    void aJobCanGenerateItsDatasetInline() throws InterruptedException {
        String spec = """
                {"dataset": {"generate": {"kind": "spirals", "samples": 400, "noise": 0.05, "seed": 3}},
                 "model": {"layers": [{"type": "dense", "units": 16, "activation": "tanh"}]},
                 "training": {"epochs": 5}}
                """;
        String first = submit(spec);
        String second = submit(spec);
        JsonNode done = finished(first);
        assertThatJob(done).hasStatus(SUCCEEDED);
        assertThat(done.path("dataset").asString()).as("stored once, used by both")
                .isEqualTo(job(second).path("dataset").asString())
                .matches("[0-9a-f-]{36}");
        JsonNode dataset = api.get("/api/v1/datasets/" + done.path("dataset").asString(), "X-API-Key", key).json();
        assertThat(dataset.path("source").asString()).isEqualTo("generated");
        assertThat(dataset.path("rows").asLong()).isEqualTo(400);

        JsonNode problem = assertProblem(api.send("POST", "/api/v1/jobs", spec.replace("400", "5"), "X-API-Key", key,
                "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("dataset.generate.samples");
        assertProblem(api.send("POST", "/api/v1/jobs", spec.replace("{\"generate\"", "{\"id\": \"builtin:iris\", \"generate\""),
                "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        finished(second);
    }

    /**
     * The diabetes target (disease progression, about 25 to 346, mean about 152, standard deviation about 77) trains
     * standardized, and is reported in its own units: an MAE of tens, not a fraction of one standard deviation.
     */
    @Test
    void diabetesRegressionTrainsOnAStandardizedTargetAndReportsInItsUnits() throws InterruptedException {
        String id = submit(OperationExamples.load(JobExamples.FOLDER).get("diabetes-regression"));
        JsonNode done = finished(id);
        assertThatJob(done).hasStatus(SUCCEEDED);
        JsonNode test = done.path("test").path("metrics");
        assertThat(test.path("mae").asDouble()).as(test.toString()).isBetween(25.0, 75.0);
        assertThat(test.path("rmse").asDouble()).isBetween(30.0, 90.0);
        assertThat(test.path("r2").asDouble()).isGreaterThan(0.2);
        assertThat(done.path("latest").path("metrics").path("val_mae").asDouble()).isGreaterThan(10);
        JsonNode model = api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key).json().path("document");
        assertThat(model.path("target").path("mean").get(0).asDouble()).isBetween(130.0, 175.0);
        assertThat(model.path("target").path("scale").get(0).asDouble()).isBetween(60.0, 95.0);
    }

    @Test
    void jobsOverEmptyFeatureCellsDropOrImputeThemAndTheModelKeepsTheImputer() throws InterruptedException {
        StringBuilder csv = new StringBuilder("x,z,label\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i % 7 == 0 ? "" : String.valueOf(i / 10.0)).append(',').append(i % 3).append(',')
                    .append(i >= 50 ? "high" : "low").append('\n');
        }
        Reply created = api.multipart("/api/v1/datasets", Map.of(), "gaps.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String spec = "{\"dataset\": {\"id\": \"" + created.json().path("id").asString() + "\", \"testSplit\": 0.2, "
                + "\"validationSplit\": 0.1, \"missing\": %s}, \"model\": {\"layers\": []}, \"training\": {\"epochs\": 3}}";
        String dropped = submit(spec.formatted("{\"strategy\": \"drop_rows\"}"));
        String imputed = submit(spec.formatted("{\"strategy\": \"impute\", \"impute\": \"median\", \"indicator\": true}"));
        JsonNode withoutRows = finished(dropped);
        assertThatJob(withoutRows).hasStatus(SUCCEEDED);
        // 15 of the 100 rows (i = 0, 7, ..., 98) have no x: 85 remain, 17 of them for test
        assertThat(withoutRows.path("test").path("rows").asInt()).isEqualTo(17);
        JsonNode filled = finished(imputed);
        assertThatJob(filled).hasStatus(SUCCEEDED);
        assertThat(filled.path("test").path("rows").asInt()).isEqualTo(20);
        JsonNode model = api.get("/api/v1/jobs/" + imputed + "/model", "X-API-Key", key).json().path("document");
        assertThat(model.path("version").asInt()).isEqualTo(2);
        assertThat(model.path("inputs").asInt()).as("x, z and x's indicator").isEqualTo(3);
        assertThat(model.path("imputer").path("indicated").get(0).asBoolean()).isTrue();
        assertThat(model.path("imputer").path("indicated").get(1).asBoolean()).isFalse();
        assertThat(api.get("/api/v1/jobs/" + dropped + "/model", "X-API-Key", key).json().path("document")
                .path("imputer").isNull()).isTrue();
    }

    @Test
    void prometheusShowsJobsByStatusQueueWaitAndSamplesTrained() throws InterruptedException {
        finished(submit(DIGITS.replace("\"epochs\": 30", "\"epochs\": 2")));
        clock.advance(JobGauges.FRESH.plusMillis(1)); // the cached counts are stale: the next scrape counts again
        Awaitility.await("readiness with the workers' heartbeat").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP"));
        String scraped = api.get("/actuator/prometheus").body();
        assertThat(scraped).containsPattern("trainyard_jobs\\{status=\"succeeded\"\\} [1-9]")
                .contains("trainyard_jobs{status=\"queued\"}")
                .containsPattern("trainyard_jobs_queue_wait_seconds_count [1-9]")
                .containsPattern("trainyard_training_samples_total [1-9]");
    }
}

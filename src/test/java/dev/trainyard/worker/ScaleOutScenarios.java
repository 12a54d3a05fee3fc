package dev.trainyard.worker;

import static dev.trainyard.job.JobStatus.QUEUED;
import static dev.trainyard.job.JobStatus.SUCCEEDED;
import static dev.trainyard.support.JobAssert.assertThatJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.Nodes;
import dev.trainyard.support.Sse;

/**
 * Several nodes on one database: they share the queue, hand jobs back when shut down, and take over the jobs of a
 * node killed with SIGKILL, resuming from its last checkpoint. The test's own node serves the API and trains nothing;
 * workers are other Spring applications in this JVM or a child JVM. On H2 over TCP ({@link ScaleOutH2IT}) and on
 * PostgreSQL ({@link ScaleOutPostgresIT}).
 */
abstract class ScaleOutScenarios extends ApiScenarios {

    static final String[] FAST_WORKER = {"trainyard.worker.poll-interval=100ms",
            "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=2s",
            "trainyard.worker.retry-backoff=100ms", "trainyard.worker.metrics-flush-interval=100ms",
            "trainyard.worker.checkpoint-every=1", "trainyard.worker.checkpoint-min-interval=0s"};
    static final String TINY = """
            {"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 4}]},
             "training": {"epochs": 5}}
            """;
    static final int LONG_EPOCHS = 25;
    /** Long enough to be stopped in the middle: tens of milliseconds per epoch. */
    static final String LONG = """
            {"dataset": {"id": "builtin:digits"},
             "model": {"layers": [{"type": "dense", "units": 256}, {"type": "dense", "units": 256}]},
             "training": {"epochs": %d, "batch": {"mode": "mini_batch", "size": 8}}}
            """.formatted(LONG_EPOCHS);

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("nodes");
    }

    private String submit(String spec) {
        return accepted("/api/v1/jobs", spec);
    }

    private ConfigurableApplicationContext worker(String name, int slots) {
        List<String> settings = new ArrayList<>(List.of(FAST_WORKER));
        settings.add("trainyard.node.name=" + name);
        settings.add("trainyard.worker.slots=" + slots);
        return Nodes.start(context, settings.toArray(String[]::new));
    }

    private Map<String, Object> row(String id) {
        return jdbc.queryForMap("select status, attempt, epochs_done, attempt_first_epoch, node from job "
                + "where public_id = ?", UUID.fromString(id));
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) {
        Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(done::getAsBoolean);
    }

    private List<String> transitions(String id) {
        return jdbc.queryForList("select t.to_status from job_transition t join job j on j.id = t.job_id "
                + "where j.public_id = ? order by t.id", String.class, UUID.fromString(id));
    }

    /** Every metric has exactly one point at each epoch 0..epochs-1: no gap, no duplicate. */
    private void assertCompleteHistory(String id, int epochs) {
        List<Map<String, Object>> perMetric = jdbc.queryForList("select p.name, count(*) as n, count(distinct p.step) "
                + "as distinct_steps, min(p.step) as first_step, max(p.step) as last_step from metric_point p "
                + "join job j on j.id = p.job_id where j.public_id = ? group by p.name", UUID.fromString(id));
        assertThat(perMetric).isNotEmpty();
        for (Map<String, Object> metric : perMetric) {
            assertThat(((Number) metric.get("n")).intValue()).as("points of %s", metric).isEqualTo(epochs);
            assertThat(((Number) metric.get("distinct_steps")).intValue()).isEqualTo(epochs);
            assertThat(((Number) metric.get("first_step")).intValue()).isZero();
            assertThat(((Number) metric.get("last_step")).intValue()).isEqualTo(epochs - 1);
        }
    }

    @Test
    void twoNodesShareTheQueueAndRunEveryJobExactlyOnce() throws InterruptedException {
        try (ConfigurableApplicationContext a = worker("node-a", 2); ConfigurableApplicationContext b = worker("node-b", 2)) {
            List<String> ids = IntStream.range(0, 100).mapToObj(i -> submit(TINY)).toList();
            await("100 jobs ended", Duration.ofSeconds(120), () -> jdbc.queryForObject("select count(*) from job where "
                    + "owner = (select owner from job where public_id = ?) and status not in ('QUEUED', 'RUNNING')",
                    Integer.class, UUID.fromString(ids.get(0))) == 100);

            for (String id : ids) {
                assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasAttempts(1);
                assertThat(transitions(id)).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
            }
            assertCompleteHistory(ids.get(99), 5);
            assertThat(jdbc.queryForList("select distinct node from job where public_id in (" + String.join(", ",
                    ids.stream().map(id -> "'" + id + "'").toList()) + ")", String.class))
                    .containsExactlyInAnyOrder("node-a", "node-b");
        }
    }

    @Test
    void aNodeShuttingDownHandsItsJobBackAndAnotherResumesIt() throws Exception {
        String id;
        CompletableFuture<String> stream;
        try (ConfigurableApplicationContext leaving = worker("leaving", 1)) {
            id = submit(LONG);
            // followed live on this node, which trains nothing: the events come from the database
            stream = CompletableFuture.supplyAsync(() -> api.get("/api/v1/jobs/" + id + "/events", "X-API-Key", key)
                    .body());
            await("a few epochs done", Duration.ofSeconds(60), () -> ((Number) row(id).get("EPOCHS_DONE")).intValue() >= 3);
        }
        assertThatJob(jdbc, id).hasStatus(QUEUED);
        assertThat(jdbc.queryForObject("select count(*) from checkpoint c join job j on j.id = c.job_id where "
                + "j.public_id = ?", Integer.class, UUID.fromString(id))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select reason from job_transition t join job j on j.id = t.job_id where "
                + "j.public_id = ? order by t.id desc fetch first 1 rows only", String.class, UUID.fromString(id)))
                .contains("handed back");

        try (ConfigurableApplicationContext staying = worker("staying", 1)) {
            await("the job ended", Duration.ofSeconds(120), () -> !"QUEUED RUNNING".contains((String) row(id).get("STATUS")));
        }
        assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasAttempts(2).ranOn("staying");
        Map<String, Object> done = row(id);
        assertThat(((Number) done.get("ATTEMPT_FIRST_EPOCH")).intValue()).as("resumed, not restarted").isGreaterThan(2);
        assertThat(transitions(id)).containsExactly("QUEUED", "RUNNING", "QUEUED", "RUNNING", "SUCCEEDED");
        assertCompleteHistory(id, LONG_EPOCHS);
        List<Sse.Event> events = Sse.parse(stream.get(30, TimeUnit.SECONDS));
        assertThat(events.stream().filter(e -> e.name().equals("status")).map(e -> e.data().path("status").asString()))
                .containsExactly("queued", "running", "queued", "running", "succeeded");
        assertThat(events.stream().filter(e -> e.name().equals("metrics")).map(e -> e.data().path("epoch").asInt()))
                .as("each epoch once, those rewritten after the checkpoint not sent again")
                .containsExactlyElementsOf(IntStream.range(0, LONG_EPOCHS).boxed().toList());
    }

    @Test
    void aNodeKilledWithSigkillLosesItsJobToAnotherThatResumesFromTheCheckpoint() throws Exception {
        Path log = Path.of("target", "killed-node-" + getClass().getSimpleName() + ".log");
        Process doomed = Nodes.startProcess(context, log, "trainyard.node.name=doomed", "trainyard.worker.slots=1",
                "trainyard.node.data-dir=target/test-data/doomed", FAST_WORKER[0], FAST_WORKER[1], FAST_WORKER[2],
                FAST_WORKER[4], FAST_WORKER[5], FAST_WORKER[6]);
        String id;
        try {
            id = submit(LONG);
            await("the child JVM checkpointed twice", Duration.ofSeconds(120), () -> doomed.isAlive()
                    && jdbc.queryForObject("select coalesce(max(c.epoch), -1) from checkpoint c join job j on "
                    + "j.id = c.job_id where j.public_id = ?", Integer.class, UUID.fromString(id)) >= 1);
        } finally {
            doomed.destroyForcibly().waitFor();
        }
        Map<String, Object> killed = row(id);
        assertThat(killed).as("see " + log).containsEntry("STATUS", "RUNNING").containsEntry("NODE", "doomed");

        try (ConfigurableApplicationContext rescuer = worker("rescuer", 1)) {
            await("the job ended", Duration.ofSeconds(120), () -> !"QUEUED RUNNING".contains((String) row(id).get("STATUS")));
        }
        assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasAttempts(2).ranOn("rescuer");
        Map<String, Object> done = row(id);
        assertThat(((Number) done.get("ATTEMPT_FIRST_EPOCH")).intValue()).as("resumed from a checkpoint").isPositive();
        assertThat(transitions(id)).containsExactly("QUEUED", "RUNNING", "QUEUED", "RUNNING", "SUCCEEDED");
        assertCompleteHistory(id, LONG_EPOCHS);
    }

    @Test
    void aSweepSurvivesItsWorkerNodeLeavingAndNeverExceedsItsParallelism() throws Exception {
        String sweep = api.send("POST", "/api/v1/sweeps", """
                {"template": %s, "parameters": [{"path": "training.seed", "values": [1, 2, 3, 4, 5, 6]}],
                 "limits": {"maxParallel": 2}}
                """.formatted(LONG.replace("\"epochs\": " + LONG_EPOCHS, "\"epochs\": 8")), "X-API-Key", key,
                "Content-Type", "application/json").json().path("id").asString();
        List<Integer> active = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleWithFixedDelay(() -> active.add(jdbc.queryForObject("select count(*) from job where "
                + "sweep_ref = ? and status in ('QUEUED', 'RUNNING')", Integer.class, sweep)), 0, 20, TimeUnit.MILLISECONDS);
        try {
            try (ConfigurableApplicationContext first = worker("first", 2)) {
                await("two trials ended", Duration.ofSeconds(60), () -> jdbc.queryForObject("select count(*) from job "
                        + "where sweep_ref = ? and status = 'SUCCEEDED'", Integer.class, sweep) >= 2);
            }
            try (ConfigurableApplicationContext second = worker("second", 2)) {
                await("the sweep ended", Duration.ofSeconds(120), () -> !"RUNNING".equals(jdbc.queryForObject(
                        "select status from sweep where public_id = ?", String.class, UUID.fromString(sweep))));
            }
        } finally {
            watcher.shutdown();
            assertThat(watcher.awaitTermination(10, TimeUnit.SECONDS)).as("the watcher stopped").isTrue();
        }
        assertThat(jdbc.queryForObject("select status from sweep where public_id = ?", String.class,
                UUID.fromString(sweep))).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList("select trial_index from job where sweep_ref = ? and status = 'SUCCEEDED' "
                + "order by trial_index", Integer.class, sweep)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(active).isNotEmpty().allMatch(count -> count <= 2);
    }
}

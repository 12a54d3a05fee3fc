package dev.trainyard.system;

import static dev.trainyard.job.JobStatus.SUCCEEDED;
import static dev.trainyard.support.JobAssert.assertThatJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.zaxxer.hikari.HikariDataSource;

import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * A node that keeps working while its database connections come and go, or are killed under it, on H2 in file mode as installed by default
 * ({@link DurabilityH2IT}) and on PostgreSQL ({@link DurabilityPostgresIT}). Hikari will not retire a connection
 * younger than 30 s, so besides the shortest max-lifetime a recycler evicts every connection of the pool about once a
 * second (the same path a connection past its max-lifetime takes): 20 s of service age the pool through 20 lifetimes.
 */
@TestPropertySource(properties = {"trainyard.worker.slots=1", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=5s",
        "trainyard.worker.metrics-flush-interval=100ms", "trainyard.worker.checkpoint-every=3",
        "trainyard.worker.checkpoint-min-interval=0s", "spring.datasource.hikari.max-lifetime=30000",
        "spring.datasource.hikari.maximum-pool-size=4"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class DurabilityScenarios extends ApiScenarios {

    private static final Duration RUN = Duration.ofSeconds(20);
    private static final String ENDLESS = """
            {"dataset": {"id": "builtin:digits"}, "model": {"layers": [{"type": "dense", "units": 128}]},
             "training": {"epochs": 2000, "batch": {"mode": "mini_batch", "size": 16}}}
            """;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meters;

    private final ScheduledExecutorService recycler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("durable");
    }

    @AfterEach
    void stopRecycling() {
        recycler.shutdownNow();
    }

    /**
     * Kills every connection to the test's database but {@code own} (as an operator or a failing network would), and
     * says how many it killed.
     */
    abstract int killOtherConnections(Connection own) throws SQLException;

    private HikariDataSource pool() throws SQLException {
        return dataSource.unwrap(HikariDataSource.class);
    }

    private double connectionsOpened() {
        return meters.find("hikaricp.connections.creation").timers().stream().mapToDouble(timer -> timer.count()).sum();
    }

    @Test
    void everyPoolConnectionIsReplacedManyTimesWhileUploadsJobsAndCancelsKeepSucceeding() throws Exception {
        HikariDataSource pool = pool();
        AtomicInteger evictions = new AtomicInteger();
        double openedBefore = connectionsOpened();
        recycler.scheduleWithFixedDelay(() -> {
            pool.getHikariPoolMXBean().softEvictConnections();
            evictions.incrementAndGet();
        }, 0, 800, TimeUnit.MILLISECONDS);

        List<String> trained = new ArrayList<>();
        long end = System.nanoTime() + RUN.toNanos();
        int round = 0;
        for (; System.nanoTime() < end; round++) {
            String dataset = upload(round);
            trained.add(accepted("/api/v1/jobs", """
                    {"dataset": {"id": "%s", "seed": %d}, "model": {"layers": [{"type": "dense", "units": 8}]},
                     "training": {"epochs": 4}}""".formatted(dataset, round)));
            String endless = accepted("/api/v1/jobs", ENDLESS);
            Reply cancel = api.send("POST", "/api/v1/jobs/" + endless + "/cancel", null, "X-API-Key", key);
            assertThat(cancel.status()).as("round %d: %s", round, cancel.body()).isEqualTo(200);
            assertReady(round);
            // paced by the service itself: the next round starts once this round's job has trained
            awaitResource("/api/v1/jobs/" + trained.get(round), job -> job.path("phase").asString().equals("finished"),
                    Duration.ofSeconds(60));
        }
        for (String id : trained) {
            JsonNode done = awaitResource("/api/v1/jobs/" + id, job -> job.path("phase").asString().equals("finished"),
                    Duration.ofSeconds(60));
            assertThatJob(done).hasStatus(SUCCEEDED).hasAttempts(1);
        }
        assertReady(round);
        assertThat(evictions.get()).isGreaterThanOrEqualTo(20);
        assertThat(connectionsOpened() - openedBefore).as("connections opened while the test ran")
                .isGreaterThanOrEqualTo(3 * pool.getMaximumPoolSize());
    }

    @Test
    void jobsWhoseConnectionsAreKilledWhileTheyTrainEachSucceedOnceWithTheirWholeHistory() throws Exception {
        int epochs = 120; // a second or more per job even with a warm JIT, so the killer meets every job
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(accepted("/api/v1/jobs", """
                    {"dataset": {"id": "builtin:digits", "seed": %d}, "model": {"layers": [{"type": "dense", "units": 64}]},
                     "training": {"epochs": %d, "batch": {"mode": "mini_batch", "size": 64}}}"""
                    .formatted(i, epochs)));
        }
        HikariDataSource pool = pool();
        AtomicInteger killed = new AtomicInteger();
        try (Connection killer = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            recycler.scheduleWithFixedDelay(() -> {
                try {
                    killed.addAndGet(killOtherConnections(killer));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, 100, 300, TimeUnit.MILLISECONDS);
            for (String id : ids) {
                awaitResource("/api/v1/jobs/" + id, job -> job.path("phase").asString().equals("finished"),
                        Duration.ofSeconds(120));
            }
            recycler.shutdownNow();
            recycler.awaitTermination(5, TimeUnit.SECONDS);
            assertThat(killed.get()).as("connections killed").isGreaterThanOrEqualTo(10);
            JdbcTemplate database = new JdbcTemplate(new SingleConnectionDataSource(killer, true));
            for (String id : ids) {
                assertSucceededOnceWithEveryEpoch(id, epochs, database);
            }
        } finally {
            pool.getHikariPoolMXBean().softEvictConnections(); // the next test starts with no killed connection
        }
    }

    private void assertSucceededOnceWithEveryEpoch(String id, int epochs, JdbcTemplate database) {
        JsonNode job = answered("/api/v1/jobs/" + id).json();
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(database.queryForObject("select count(*) from job_transition t join job j on j.id = t.job_id "
                + "where j.public_id = ? and t.to_status = 'SUCCEEDED'", Integer.class, UUID.fromString(id))).isEqualTo(1);
        JsonNode metrics = answered("/api/v1/jobs/" + id + "/metrics").json();
        assertThat(metrics.size()).as(metrics.toString()).isGreaterThanOrEqualTo(4);
        metrics.forEach(metric -> assertThat(metric.path("points").asInt())
                .as("%s of %s", metric.path("name").asString(), id).isEqualTo(epochs));
        assertThat(database.queryForList("select count(*) from metric_point p join job j on j.id = p.job_id "
                + "where j.public_id = ? group by p.name", Integer.class, UUID.fromString(id)))
                .hasSize(metrics.size()).containsOnly(epochs);
    }

    /**
     * GETs {@code path} as a client that honours 503 + Retry-After would: a connection killed while idle in the pool
     * fails the one request that takes it next (and is dropped), and that request changed nothing.
     */
    private Reply answered(String path) {
        Reply reply = api.get(path, "X-API-Key", key);
        for (int tries = 1; reply.status() == 503 && tries < 10; tries++) {
            assertThat(reply.header("Retry-After")).isNotBlank();
            reply = api.get(path, "X-API-Key", key);
        }
        return reply;
    }

    @Test
    void bulkSubmissionsAndCancelsFromManyClientsNeverCostARunningJobItsLease() throws Exception {
        String running = accepted("/api/v1/jobs", ENDLESS);
        awaitResource("/api/v1/jobs/" + running, job -> job.path("status").asString().equals("running"),
                Duration.ofSeconds(30));
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        var clients = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                work.add(clients.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        Reply submitted = api.send("POST", "/api/v1/jobs", ENDLESS, "X-API-Key", key, "Content-Type",
                                "application/json");
                        statuses.add(submitted.status());
                        String id = submitted.json().path("id").asString();
                        statuses.add(api.send("POST", "/api/v1/jobs/" + id + "/cancel", null, "X-API-Key", key).status());
                    }
                }));
            }
            for (var done : work) {
                done.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(statuses).hasSize(400).containsOnly(202, 200);
        JsonNode job = answered("/api/v1/jobs/" + running).json();
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("running");
        assertThat(job.path("attempts").asInt()).as("lost leases would start new attempts").isEqualTo(1);
        api.send("POST", "/api/v1/jobs/" + running + "/cancel", null, "X-API-Key", key);
    }

    @Test
    void readinessIsDownWhileTheDatabaseRefusesWritesAndUpAgainAfter() {
        assertReady(0);
        jdbc.execute("alter table write_probe add constraint ck_write_probe_refused check (node = 'nobody')");
        try {
            Reply readiness = api.get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
            assertThat(readiness.json().path("status").asString()).isEqualTo("DOWN");
        } finally {
            jdbc.execute("alter table write_probe drop constraint ck_write_probe_refused");
        }
        assertReady(1);
    }

    private void assertReady(int round) {
        Reply readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).as("round %d: %s", round, readiness.body()).isEqualTo(200);
    }

    private String upload(int round) {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append((i * 7 + round) % 13).append(',').append(i % 2 == 0 ? "even" : "odd")
                    .append('\n');
        }
        csv.append(round).append(',').append(owner.hashCode() % 97).append(",odd\n");
        Reply created = api.multipart("/api/v1/datasets", Map.of("name", "round " + round), "round.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(created.status()).as("round %d: %s", round, created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }
}

package dev.trainyard.job;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.MutableClock;
import dev.trainyard.support.Nodes;
import dev.trainyard.support.RawStream;
import dev.trainyard.support.SmallSendBuffer;
import dev.trainyard.support.Sse;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Job event streams under pressure, over real HTTP, on H2 ({@link JobStreamH2IT}) and PostgreSQL
 * ({@link JobStreamPostgresIT}): clients that never read beside one that does, the caps per owner and per node,
 * keep-alive comments, and a node closing with streams open. This node trains nothing, so a job submitted here stays
 * queued and its stream idle; the tests that need training start a worker node. Tomcat's send buffer is small
 * ({@link SmallSendBuffer}), so a client that does not read stalls at its first events.
 */
@TestPropertySource(properties = {"trainyard.events.keep-alive=300ms", "trainyard.events.send-timeout=10s"})
@Import(SmallSendBuffer.class)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class JobStreamScenarios extends ApiScenarios {

    static final int HISTORY_EPOCHS = 1000;
    /** Quick epochs, half a megabyte of events: far more than a stalled client's buffers hold. */
    static final String LONG_HISTORY = """
            {"dataset": {"generate": {"kind": "xor", "samples": 20, "seed": 5}},
             "model": {"layers": [{"type": "dense", "units": 2, "activation": "tanh"}]},
             "training": {"epochs": %d, "batch": {"mode": "full"}}}
            """.formatted(HISTORY_EPOCHS);
    static final String SMALL = """
            {"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 8}]},
             "training": {"epochs": 5}}
            """;
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    MutableClock clock;

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("streams");
    }

    /** Clients that stall, leave or are cut off are ordinary: none of it is an error, or an error page on a stream. */
    @AfterEach
    void nothingWentWrongInTheLog(CapturedOutput output) {
        assertThat(output.toString()).doesNotContain(" ERROR ", "Response already committed", "unexpected failure",
                "Graceful shutdown aborted");
    }

    private String events(String job) {
        return "/api/v1/jobs/" + job + "/events";
    }

    private RawStream open(int port, String job, String as) throws IOException {
        return RawStream.open(port, events(job), "X-API-Key", as);
    }

    /** The status of a stream's answer, read as soon as its headers are in. */
    private static int status(RawStream stream) throws IOException {
        String head = stream.readUntil(text -> text.contains("\r\n\r\n"), PATIENCE);
        return Integer.parseInt(head.split(" ", 3)[1]);
    }

    private double dropped() {
        return context.getBean(MeterRegistry.class).get("trainyard.event.streams.dropped").counter().count();
    }

    private double openStreams() {
        return context.getBean(MeterRegistry.class).get("trainyard.event.streams").gauge().value();
    }

    private ConfigurableApplicationContext worker() {
        return Nodes.start(context, "trainyard.node.name=stream-worker", "trainyard.worker.slots=1",
                "trainyard.worker.poll-interval=100ms", "trainyard.worker.metrics-flush-interval=100ms");
    }

    @Test
    void clientsThatNeverReadDelayNoOtherStreamAndAreDroppedWithoutLosingEvents() throws Exception {
        try (ConfigurableApplicationContext worker = worker()) {
            String history = accepted("/api/v1/jobs", LONG_HISTORY);
            awaitResource("/api/v1/jobs/" + history, job -> job.path("phase").asString().equals("finished"), PATIENCE);
            String slowOwnersKey = key;
            double droppedBefore = dropped();
            List<RawStream> stalled = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                stalled.add(open(port, history, key));
            }

            connectAs("reader");
            List<Sse.Event> read = followToTheEnd(accepted("/api/v1/jobs", SMALL));
            List<Sse.Event> run = read.stream().filter(e -> !e.name().equals("diagnostic")).toList();
            assertThat(run.get(run.size() - 1).data().path("status").asString()).isEqualTo("succeeded");
            assertThat(epochs(read)).containsExactly(0, 1, 2, 3, 4);
            assertThat(dropped()).as("the slow clients are still there, stalled").isEqualTo(droppedBefore);
            assertThat(openStreams()).isGreaterThanOrEqualTo(5);

            clock.advance(SEND_TIMEOUT.plusSeconds(1)); // past the send timeout: the stalled streams are due
            awaitDropped(droppedBefore + 5);
            List<Sse.Event> cutShort = List.of();
            for (RawStream client : stalled) {
                cutShort = assertCutShortButEnded(client);
            }
            assertResumesWithEveryEpochOnce(cutShort, history, slowOwnersKey);
        }
    }

    /** A whole stream, read as it comes; a stream held up behind stalled ones fails here. */
    private List<Sse.Event> followToTheEnd(String job) throws Exception {
        return Sse.parse(CompletableFuture.supplyAsync(() -> api.get(events(job), "X-API-Key", key).body())
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    private List<Sse.Event> assertCutShortButEnded(RawStream dropped) throws IOException {
        List<Sse.Event> received = Sse.parse(dropped.readToEnd(PATIENCE).body());
        assertThat(dropped.endedCleanly()).as("ended by the server, not broken").isTrue();
        assertThat(epochs(received)).isNotEmpty().hasSizeLessThan(HISTORY_EPOCHS);
        dropped.close();
        return received;
    }

    private void awaitDropped(double count) {
        await("the stalled streams dropped").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(dropped()).isGreaterThanOrEqualTo(count));
    }

    /** A dropped client that reconnects with Last-Event-ID gets the rest of what it missed, nothing twice. */
    private void assertResumesWithEveryEpochOnce(List<Sse.Event> first, String job, String as) {
        List<Sse.Event> rest = Sse.parse(api.get(events(job), "X-API-Key", as, "Last-Event-ID",
                first.get(first.size() - 1).id()).body());
        assertThat(Stream.concat(epochs(first).stream(), epochs(rest).stream()))
                .containsExactlyElementsOf(IntStream.range(0, HISTORY_EPOCHS).boxed().toList());
    }

    private static List<Integer> epochs(List<Sse.Event> events) {
        return events.stream().filter(e -> e.name().equals("metrics")).map(e -> e.data().path("epoch").asInt()).toList();
    }

    @Test
    void anOwnerGets429BeyondEightStreamsUntilOneCloses() throws Exception {
        String queued = accepted("/api/v1/jobs", SMALL);
        List<RawStream> open = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            open.add(open(port, queued, key));
            assertThat(status(open.get(i))).isEqualTo(200);
        }
        try (RawStream ninth = open(port, queued, key)) {
            Reply refused = ninth.readToEnd(PATIENCE);
            JsonNode problem = assertProblem(refused, 429, "too-many-streams");
            assertThat(refused.header("Retry-After")).isEqualTo("10");
            assertThat(problem.path("detail").asString()).contains("8 event streams", "max-streams-per-owner");
        }
        String firstOwnersKey = key;
        connectAs("neighbour");
        try (RawStream neighbours = open(port, accepted("/api/v1/jobs", SMALL), key)) {
            assertThat(status(neighbours)).as("the cap is the owner's").isEqualTo(200);
        }

        open.remove(0).close();
        assertThat(awaitAccepted(queued, firstOwnersKey)).as("the closed stream's slot came back").isEqualTo(200);
        for (RawStream stream : open) {
            stream.close();
        }
    }

    /** Opens streams until one is not refused (the server notices a closed client at its next write). */
    private int awaitAccepted(String job, String as) {
        AtomicInteger status = new AtomicInteger();
        await("a stream accepted again").atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    try (RawStream stream = open(port, job, as)) {
                        status.set(status(stream));
                    }
                    assertThat(status.get()).isNotEqualTo(429);
                });
        return status.get();
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() throws IOException {
        try (RawStream idle = open(port, accepted("/api/v1/jobs", SMALL), key)) {
            String seen = idle.readUntil(text -> text.split(": keep-alive\n\n", -1).length > 2, PATIENCE);
            assertThat(seen).contains("event: status", "\"status\":\"queued\"");
        }
    }

    @Test
    void aNodeClosingEndsItsStreamsPromptlyAndItsCapAnswers503() throws Exception {
        ConfigurableApplicationContext node = Nodes.start(context, SmallSendBuffer.class, "trainyard.worker.slots=0",
                "trainyard.events.max-streams=2", "trainyard.events.keep-alive=300ms");
        int nodePort = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        String queued = accepted("/api/v1/jobs", SMALL);
        RawStream reading = open(nodePort, queued, key);
        RawStream neverReading = open(nodePort, queued, key);
        assertThat(status(reading)).isEqualTo(200);
        assertThat(status(neverReading)).isEqualTo(200);
        try (RawStream third = open(nodePort, queued, key)) {
            Reply refused = third.readToEnd(PATIENCE);
            assertThat(assertProblem(refused, 503, "streams-at-capacity").path("detail").asString())
                    .contains("trainyard.events.max-streams");
            assertThat(refused.header("Retry-After")).isEqualTo("10");
        }
        reading.readUntil(text -> text.contains(": keep-alive"), PATIENCE);

        long closing = System.nanoTime();
        node.close();
        Duration closed = Duration.ofNanos(System.nanoTime() - closing);

        assertThat(closed).as("well within the 30 s graceful shutdown phase").isLessThan(Duration.ofSeconds(10));
        for (RawStream client : List.of(reading, neverReading)) {
            client.readToEnd(PATIENCE);
            assertThat(client.endedCleanly()).as("the stream ended, not broke").isTrue();
            client.close();
        }
    }
}

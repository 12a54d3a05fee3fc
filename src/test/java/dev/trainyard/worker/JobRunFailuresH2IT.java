package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.job.ClaimedJob;
import dev.trainyard.job.JobQueue;
import dev.trainyard.job.StopRequest;
import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.H2Stack;

/**
 * A failed run says what the user must do: data the engine cannot train on is invalid_data with the engine's own
 * message; anything else (here a corrupt checkpoint) is internal, with a reference the node's log gives beside the
 * stack trace. Each run is claimed and run on the test's thread; the node has no worker slots of its own.
 */
@H2Stack
@ExtendWith(OutputCaptureExtension.class)
class JobRunFailuresH2IT extends ApiScenarios {

    static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JobQueue queue;

    @Autowired
    DatasetService datasets;

    @Autowired
    WorkerProperties settings;

    @Autowired
    WorkerMeters meters;

    @Autowired
    Clock clock;

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("failures");
    }

    private ClaimedJob claim() {
        return queue.claim("test#0", "test", LEASE).orElseThrow();
    }

    private void run(ClaimedJob job) {
        new JobRun(job, queue, datasets, settings, meters, clock).run();
    }

    private Map<String, Object> failure(String id) {
        return jdbc.queryForMap("select status, failure_code, failure_message from job where public_id = ?",
                UUID.fromString(id));
    }

    @Test
    void aDatasetTooSmallForItsSplitFailsAsInvalidDataWithTheEnginesMessage(CapturedOutput output) {
        // Five rows per class: 2 of each held out for test and 3 for validation leave none to train on.
        String csv = "x,label\n" + "1,a\n2,b\n".repeat(5);
        Reply upload = api.multipart("/api/v1/datasets", Map.of("name", "ten rows"), "ten.csv",
                csv.getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String id = accepted("/api/v1/jobs", """
                {"dataset": {"id": "%s", "validationSplit": 0.5, "testSplit": 0.3},
                 "model": {"layers": [{"type": "dense", "units": 2}]}, "training": {"epochs": 2}}
                """.formatted(upload.json().path("id").asString()));

        run(claim());

        assertThat(failure(id)).containsEntry("STATUS", "FAILED").containsEntry("FAILURE_CODE", "INVALID_DATA")
                .extractingByKey("FAILURE_MESSAGE").asString()
                .contains("the training split needs at least one row", "Fix the dataset or the spec");
        assertThat(output.toString()).as("the user's fault is no error of the node's").doesNotContain(" ERROR ");
    }

    @Test
    void aCorruptCheckpointFailsAsInternalWithAReferenceTheLogGivesWithTheStackTrace(CapturedOutput output) {
        String id = accepted("/api/v1/jobs", """
                {"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 4}]},
                 "training": {"epochs": 3}}
                """);
        ClaimedJob first = claim();
        queue.checkpoint(first.lease(), List.of(), 0, new byte[] {1, 2, 3});
        queue.stopped(first.lease(), List.of(), StopRequest.handBack());

        run(claim());

        Map<String, Object> failed = failure(id);
        assertThat(failed).containsEntry("STATUS", "FAILED").containsEntry("FAILURE_CODE", "INTERNAL");
        String message = failed.get("FAILURE_MESSAGE").toString();
        assertThat(message).contains("internal error (IllegalArgumentException, reference ")
                .doesNotContain("Fix the dataset");
        String reference = message.replaceAll(".*reference ([0-9a-f-]{36}).*", "$1");
        assertThat(output.toString()).contains("Job " + id + " failed on an internal error, reference " + reference)
                .contains("the checkpoint is truncated or corrupt").contains("at dev.trainyard.engine.train.Checkpoints");
    }
}

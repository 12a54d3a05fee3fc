package dev.trainyard.worker;

import static dev.trainyard.job.JobStatus.FAILED;
import static dev.trainyard.support.JobAssert.assertThatJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

import dev.trainyard.job.ClaimedJob;
import dev.trainyard.job.FailureCode;
import dev.trainyard.job.JobQueue;
import dev.trainyard.job.StopRequest;
import dev.trainyard.job.TestQueue;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.H2Stack;

/**
 * A failed run says what the user must do: data the engine cannot train on is invalid_data with the engine's own
 * message; anything else (here a corrupt checkpoint) is internal, with a reference the node's log gives beside the
 * stack trace. Each run is claimed and run on the test's thread by a {@link ManualWorker}; the node has no worker slots of its own.
 */
@H2Stack
@ExtendWith(OutputCaptureExtension.class)
class JobRunFailuresH2IT extends ApiScenarios {

    static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JobQueue queue;

    @BeforeEach
    void connect() {
        TestQueue.clear(jdbc);
        connectAs("failures");
    }

    private ClaimedJob claim() {
        return queue.claim("test#0", "test", LEASE).orElseThrow();
    }

    private void runNext(String id) {
        assertThat(ManualWorker.of(context).runNext()).contains(id);
    }

    @Test
    void aDatasetTooSmallForItsSplitFailsAsInvalidDataWithTheEnginesMessage(CapturedOutput output) {
        // Ten rows per class: 3 of each held out for test and 5 for validation leave 2 to train on, as submission
        // counts them; but only one row of each class has its feature, and drop_rows leaves out the others before the
        // split, so each class of one row goes to validation (round(0.5) = 1) and none is left to train on.
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i < 2 ? String.valueOf(i) : "").append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Reply upload = api.multipart("/api/v1/datasets", Map.of("name", "two complete rows"), "sparse.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String id = accepted("/api/v1/jobs", """
                {"dataset": {"id": "%s", "validationSplit": 0.5, "testSplit": 0.3,
                             "missing": {"strategy": "drop_rows"}},
                 "model": {"layers": [{"type": "dense", "units": 2}]}, "training": {"epochs": 2}}
                """.formatted(upload.json().path("id").asString()));

        runNext(id);

        assertThatJob(jdbc, id).hasStatus(FAILED).hasFailureCode(FailureCode.INVALID_DATA)
                .hasFailureMessageContaining("the training split needs at least one row", "Fix the dataset or the spec");
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

        runNext(id);

        assertThatJob(jdbc, id).hasStatus(FAILED).hasFailureCode(FailureCode.INTERNAL).hasAttempts(2);
        String message = jdbc.queryForObject("select failure_message from job where public_id = ?", String.class,
                UUID.fromString(id));
        assertThat(message).contains("internal error (IllegalArgumentException, reference ")
                .doesNotContain("Fix the dataset");
        String reference = message.replaceAll(".*reference ([0-9a-f-]{36}).*", "$1");
        assertThat(output.toString()).contains("Job " + id + " failed on an internal error, reference " + reference)
                .contains("the checkpoint is truncated or corrupt").contains("at dev.trainyard.engine.train.Checkpoints");
    }
}

package dev.trainyard.support;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.trainyard.job.FailureCode;
import dev.trainyard.job.JobStatus;
import tools.jackson.databind.JsonNode;

/**
 * Assertions on one job, as the database holds it or as the API shows it:
 * {@code assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasEpochs(3).hasAttempts(1)}. A failed check says what the
 * job looked like.
 */
public final class JobAssert extends AbstractAssert<JobAssert, JobAssert.Job> {

    /** What the assertions look at; {@code null} where the job has no such value (yet). */
    public record Job(String id, JobStatus status, FailureCode failureCode, String failureMessage, Integer epochs,
                      Integer attempts, String node, Object shown) {
    }

    private JobAssert(Job job) {
        super(job, JobAssert.class);
    }

    /** The job's row in the database. */
    public static JobAssert assertThatJob(JdbcTemplate jdbc, String id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select status, failure_code, failure_message, epochs_done, "
                + "attempt, node from job where public_id = ?", UUID.fromString(id));
        Assertions.assertThat(rows).as("job %s in the database", id).hasSize(1);
        Map<String, Object> row = rows.get(0);
        Object code = row.get("FAILURE_CODE");
        return new JobAssert(new Job(id, JobStatus.valueOf((String) row.get("STATUS")),
                code == null ? null : FailureCode.valueOf(code.toString()), (String) row.get("FAILURE_MESSAGE"),
                ((Number) row.get("EPOCHS_DONE")).intValue(), ((Number) row.get("ATTEMPT")).intValue(),
                (String) row.get("NODE"), row));
    }

    /** The job as the API showed it ({@code GET /api/v1/jobs/{id}}). */
    public static JobAssert assertThatJob(JsonNode shown) {
        JsonNode failure = shown.path("failure");
        JsonNode progress = shown.path("progress");
        return new JobAssert(new Job(shown.path("id").asString(), JobStatus.valueOf(shown.path("status").asString().toUpperCase(Locale.ROOT)),
                failure.isMissingNode() || failure.isNull() ? null
                        : FailureCode.valueOf(failure.path("code").asString().toUpperCase(Locale.ROOT)),
                failure.isMissingNode() || failure.isNull() ? null : failure.path("message").asString(),
                progress.isMissingNode() || progress.isNull() ? null : progress.path("epoch").asInt(),
                shown.path("attempts").isMissingNode() ? null : shown.path("attempts").asInt(),
                shown.path("node").isMissingNode() ? null : shown.path("node").asString(), shown));
    }

    public JobAssert hasStatus(JobStatus expected) {
        isNotNull();
        if (actual.status() != expected) {
            failWithMessage("Expected job %s to be %s but it is %s: %s", actual.id(), expected, actual.status(),
                    actual.shown());
        }
        return this;
    }

    public JobAssert hasFailureCode(FailureCode expected) {
        isNotNull();
        if (actual.failureCode() != expected) {
            failWithMessage("Expected job %s to have failed with %s but its failure code is %s: %s", actual.id(),
                    expected, actual.failureCode(), actual.shown());
        }
        return this;
    }

    /** The failure message contains every one of {@code parts}. */
    public JobAssert hasFailureMessageContaining(CharSequence... parts) {
        isNotNull();
        Assertions.assertThat(actual.failureMessage()).as("failure message of job %s", actual.id()).isNotNull()
                .contains(parts);
        return this;
    }

    /** Epochs trained: the database's count of epochs done, the API's progress. */
    public JobAssert hasEpochs(int expected) {
        isNotNull();
        if (actual.epochs() == null || actual.epochs() != expected) {
            failWithMessage("Expected job %s to have trained %d epoch(s) but it has %s: %s", actual.id(), expected,
                    actual.epochs(), actual.shown());
        }
        return this;
    }

    /** Times a worker claimed the job. */
    public JobAssert hasAttempts(int expected) {
        isNotNull();
        if (actual.attempts() == null || actual.attempts() != expected) {
            failWithMessage("Expected job %s to have been claimed %d time(s) but it was claimed %s: %s", actual.id(),
                    expected, actual.attempts(), actual.shown());
        }
        return this;
    }

    /** The node that ran (or runs) the latest attempt. */
    public JobAssert ranOn(String node) {
        isNotNull();
        if (!node.equals(actual.node())) {
            failWithMessage("Expected job %s to have run on node %s but it ran on %s", actual.id(), node, actual.node());
        }
        return this;
    }
}

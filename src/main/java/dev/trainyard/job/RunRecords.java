package dev.trainyard.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.system.ApiException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job as the features that read its run (diagnostics) need it: the spec as the user sent it, the spec it runs with
 * every default filled in, its status and how it failed. Found by owner, as every job endpoint finds a job, or by key
 * for work this node does on its own.
 */
@Component
public class RunRecords {

    private static final String COLUMNS = "id, public_id, owner, status, failure_code, failure_message, spec_json, "
            + "coalesce(effective_spec, spec_json), dataset_ref, total_epochs, learning_rate_search from job";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RunRecords(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param status      lower case
     * @param failureCode lower case, null unless it failed
     * @param sentSpec    the spec as submitted (JSON)
     */
    public record Run(long key, String id, String owner, String status, String failureCode, String failureMessage,
                      String sentSpec, String datasetId, int totalEpochs, ModelSpec model, TrainingSpec training,
                      SplitSpec split) {

        public boolean ended() {
            return JobStatus.valueOf(status.toUpperCase(Locale.ROOT)).finished();
        }
    }

    /** The owner's job {@code jobId}: a 404 problem when there is no such job of theirs. */
    public Run find(String owner, String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException notAUuid) {
            throw ApiException.notFound("job", jobId);
        }
        return first(jdbc.query("select " + COLUMNS + " where public_id = ? and owner = ?", this::run, id, owner))
                .orElseThrow(() -> ApiException.notFound("job", jobId));
    }

    /** The job of key {@code key}, if it still exists. */
    public Optional<Run> byKey(long key) {
        return first(jdbc.query("select " + COLUMNS + " where id = ?", this::run, key));
    }

    private static Optional<Run> first(List<Run> runs) {
        return runs.stream().findFirst();
    }

    /** The training as it ran: with the rate its range test chose, when its learning rate was "auto". */
    private TrainingSpec trained(JobPlan plan, String search) {
        Double rate = JobPlan.searchedRate(search, json);
        return plan.searchLearningRate() && rate != null ? plan.training().withLearningRate(rate) : plan.training();
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        Checked<JobPlan> checked = JobSpecMapper.stored(rs.getString(8), json);
        if (!checked.valid()) {
            throw new IllegalStateException("job " + rs.getLong(1) + " holds a spec this server cannot read: "
                    + checked.describe());
        }
        JobPlan plan = checked.value();
        String failure = rs.getString(5);
        return new Run(rs.getLong(1), rs.getObject(2, UUID.class).toString(), rs.getString(3),
                rs.getString(4).toLowerCase(Locale.ROOT), failure == null ? null : failure.toLowerCase(Locale.ROOT),
                rs.getString(6), rs.getString(7), rs.getString(9), rs.getInt(10), plan.model(), trained(plan,
                rs.getString(11)), plan.split());
    }
}

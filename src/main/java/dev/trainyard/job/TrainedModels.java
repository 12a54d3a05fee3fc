package dev.trainyard.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.system.ApiException;

/**
 * The trained models of succeeded jobs, for the model feature: one job's, or the owner's list. A job of another owner
 * is not found; a job that has not succeeded has no model, and the problem says its status.
 */
@Component
public class TrainedModels {

    private static final String COLUMNS = "j.id, j.public_id, j.name, j.status, j.dataset_ref, j.spec_hash, "
            + "j.finished_at, j.test_metrics, m.created_at";

    private final JdbcTemplate jdbc;

    TrainedModels(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A succeeded job's model, as stored, without its document (which {@link #document} reads). */
    public record Stored(long key, String jobId, String name, String datasetId, String specHash, Instant finishedAt,
                         String testMetrics, Instant createdAt) {
    }

    /** The engine's model document and the features' encoding (null for a model trained before encodings were kept). */
    public record Document(String model, String encoding) {
    }

    /**
     * The model of the owner's job {@code jobId}: a 404 problem when there is no such job of the owner's, a 409 that
     * names the status when it has not succeeded. One statement, outside a transaction: a prediction pays for nothing
     * more.
     */
    public Stored find(String owner, String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException notAUuid) {
            throw ApiException.notFound("job", jobId);
        }
        // One read answers all three cases: no row (not the owner's), a row without a model, or the model.
        List<Found> found = jdbc.query("select m.job_id is not null, " + COLUMNS + " from job j left join "
                + "model_artifact m on m.job_id = j.id where j.public_id = ? and j.owner = ?",
                (rs, row) -> new Found(rs.getBoolean(1), rs.getString(5), columns(rs, 1)), id, owner);
        if (found.isEmpty()) {
            throw ApiException.notFound("job", jobId);
        }
        if (!found.get(0).modelled()) {
            throw ApiException.conflict("Job " + jobId + " is " + found.get(0).status().toLowerCase(Locale.ROOT)
                    + "; only a succeeded job has a model. Wait for it to succeed (GET /api/v1/jobs/" + jobId
                    + ") or train it again.");
        }
        return found.get(0).model();
    }

    /** The stored document of the model of job {@code key}; empty if the job was deleted meanwhile. */
    @Transactional(readOnly = true)
    public Optional<Document> document(long key) {
        return jdbc.query("select document, encoding from model_artifact where job_id = ?",
                (rs, row) -> new Document(rs.getString(1), rs.getString(2)), key).stream().findFirst();
    }

    /** The owner's models, newest first, optionally only those trained on {@code dataset} or named {@code name}. */
    @Transactional(readOnly = true)
    public List<Stored> list(String owner, String dataset, String name, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from job j join model_artifact m on m.job_id = "
                + "j.id where j.owner = ?");
        List<Object> args = new ArrayList<>(List.of(owner));
        if (dataset != null) {
            sql.append(" and j.dataset_ref = ?");
            args.add(dataset);
        }
        if (name != null) {
            sql.append(" and j.name = ?");
            args.add(name);
        }
        sql.append(" order by j.id desc fetch first ? rows only");
        args.add(limit);
        return jdbc.query(sql.toString(), this::stored, args.toArray());
    }

    /** A job of the owner's, whether it has a model, and its status. */
    private record Found(boolean modelled, String status, Stored model) {
    }

    private Stored stored(ResultSet rs, int row) throws SQLException {
        return columns(rs, 0);
    }

    /** The {@link #COLUMNS} of a row, after {@code skip} columns of its own. */
    private static Stored columns(ResultSet rs, int skip) throws SQLException {
        return new Stored(rs.getLong(skip + 1), rs.getObject(skip + 2).toString(), rs.getString(skip + 3),
                rs.getString(skip + 5), rs.getString(skip + 6), instant(rs, skip + 7), rs.getString(skip + 8),
                instant(rs, skip + 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}

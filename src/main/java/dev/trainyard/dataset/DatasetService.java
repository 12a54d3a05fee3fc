package dev.trainyard.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.Databases;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import tools.jackson.databind.json.JsonMapper;

import jakarta.validation.Validator;

/**
 * Stores datasets: an upload is read twice from the spooled file, once to check it and gather
 * its schema (streaming, one row in memory), once to store it gzip-compressed in the database, so
 * every node can read it. Memory stays bounded whatever the file size.
 * <p>
 * Checking and compressing run before any transaction ({@link DatasetFiles}); only the duplicate lookup and the
 * store take a connection, each for as long as the database needs. A file that takes seconds to check therefore
 * never holds a pooled connection, which other requests, readiness and the workers' leases all wait for.
 */
@Service
public class DatasetService {

    private final DatasetRepository datasets;
    private final BuiltinDatasets builtins;
    private final DatasetLimits limits;
    private final DatasetFiles files;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final DatasetUsage usage;
    private final Clock clock;
    private final Validator validator;
    private final Map<String, LabeledData> loadedBuiltins = new ConcurrentHashMap<>();

    DatasetService(DatasetRepository datasets, BuiltinDatasets builtins, DatasetLimits limits, DatasetFiles files,
            JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JsonMapper json, DatasetUsage usage,
            Validator validator, Clock clock) {
        this.validator = validator;
        this.usage = usage;
        this.datasets = datasets;
        this.builtins = builtins;
        this.limits = limits;
        this.files = files;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
    }

    /** What an upload says about itself besides its bytes. */
    record Upload(String name, String target, Task task, int[] image, Set<String> categorical) {
    }

    DatasetResponse upload(String owner, Upload upload, Path file) throws IOException {
        return store(owner, upload, file, Dataset.Source.UPLOAD).response();
    }

    /** A generated dataset and whether it is new; generating the same one again returns the stored one. */
    record Stored(DatasetResponse response, boolean created) {
    }

    Stored generate(String owner, GenerateRequest request) throws IOException {
        return generate(owner, request, "");
    }

    private Stored generate(String owner, GenerateRequest request, String fieldPrefix) throws IOException {
        String imbalance = request.imbalanceProblem();
        if (imbalance != null) {
            String field = fieldPrefix + "imbalance";
            throw new ApiException(ProblemType.VALIDATION_FAILED, "Field '" + field + "': " + imbalance + ".",
                    List.of(new FieldProblem(field, imbalance)));
        }
        Path file = Files.createTempFile("trainyard-generated", ".csv");
        try {
            Files.write(file, GeneratedCsv.of(request));
            return store(owner, new Upload(request.nameOrDefault(), null, request.kind().task(), null, Set.of()), file,
                    Dataset.Source.GENERATED);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The id of the generated dataset a job spec asks for inline, generating and storing it the first time; an
     * invalid request is a 400 problem naming {@code dataset.generate.<field>}.
     */
    public String generatedFor(String owner, GenerateRequest request) {
        List<FieldProblem> problems = validator.validate(request).stream()
                .map(v -> new FieldProblem("dataset.generate." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field)).toList();
        if (!problems.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "Field '" + problems.get(0).field() + "': "
                    + problems.get(0).message() + ".", problems);
        }
        try {
            return generate(owner, request, "dataset.generate.").response().id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stored store(String owner, Upload upload, Path file, Dataset.Source source) throws IOException {
        DatasetFiles.Checked checked = files.check(upload, file);
        Optional<Dataset> existing = datasets.findByOwnerAndChecksum(owner, checked.checksum());
        if (existing.isPresent() && source == Dataset.Source.GENERATED) {
            return new Stored(response(existing.get(), checked.schema()), false);
        }
        existing.ifPresent(found -> {
            throw ApiException.conflict("You uploaded this content before, as dataset " + found.publicId() + " ('"
                    + found.name() + "'). Use that dataset, or delete it first.");
        });
        Dataset dataset = new Dataset(owner, upload.name(), source, checked.schema(),
                json.writeValueAsString(checked.schema()), checked.checksum(), Files.size(file), upload.image(),
                upload.categorical(), clock.instant());
        try (DatasetFiles.Compressed content = files.compressed(file)) {
            transactions.executeWithoutResult(status -> insert(dataset, content.path()));
        } catch (DataIntegrityViolationException violation) {
            if (!Databases.uniqueViolation(violation, "uk_dataset_owner_checksum")) {
                throw violation;
            }
            throw ApiException.conflict("The same content was being stored by another request just now. List your "
                    + "datasets to find it.");
        }
        return new Stored(response(dataset, checked.schema()), true);
    }

    /** Inside the store's transaction: the row, then its content streamed from the compressed file. */
    private void insert(Dataset dataset, Path content) {
        datasets.saveAndFlush(dataset);
        try (InputStream in = Files.newInputStream(content)) {
            long length = Files.size(content);
            jdbc.update("insert into dataset_content (dataset_id, content) values (?, ?)", statement -> {
                statement.setLong(1, dataset.id());
                statement.setBinaryStream(2, in, length);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional(readOnly = true)
    List<DatasetResponse> list(String owner) {
        List<DatasetResponse> all = new ArrayList<>();
        builtins.all().forEach(builtin -> all.add(response(builtin, null)));
        datasets.findAllByOwnerOrderByCreatedAtAscIdAsc(owner).forEach(dataset -> all.add(response(dataset, null)));
        return all;
    }

    @Transactional(readOnly = true)
    DatasetResponse get(String owner, String id) {
        if (id.startsWith(BuiltinDatasets.PREFIX)) {
            BuiltinDatasets.Builtin builtin = builtins.find(id).orElseThrow(() -> ApiException.notFound("dataset", id));
            return response(builtin, builtin.schema());
        }
        Dataset dataset = owned(owner, id);
        return response(dataset, json.readValue(dataset.schemaJson(), DatasetSchema.class));
    }

    /**
     * What a job needs to know of a dataset before it trains on it; {@code inputs} is the width of the network's
     * input, after one-hot encoding, which can be far more than the CSV's columns; {@code images} says whether the
     * rows are declared as images (with a height, width and channels).
     */
    public record Summary(String task, long rows, int inputs, Map<String, Long> classBalance,
                          Map<String, Long> missing, boolean images) {
    }

    /** The ranges (max - min) of the dataset's numeric feature columns, in column order; a not-found problem too. */
    @Transactional(readOnly = true)
    public double[] featureRanges(String owner, String id) {
        return get(owner, id).schema().columnStats().stream()
                .filter(column -> !column.target() && "numeric".equals(column.type()) && column.min() != null)
                .mapToDouble(column -> column.max() - column.min()).toArray();
    }

    /** Rows of a dataset as training reads them: the feature columns, then the target; each row its values. */
    public record Sample(List<String> columns, long datasetRows, List<List<Object>> rows) {
    }

    /** At most {@code count} rows spread evenly over the owner's dataset {@code id}, the first and the last included. */
    Sample sample(String owner, String id, int count) throws IOException {
        String target = get(owner, id).schema().target();
        LabeledData data = load(owner, id);
        List<String> columns = new ArrayList<>(data.featureNames());
        columns.add(target);
        int total = data.rows();
        int shown = Math.min(count, total);
        int f = data.featureCount();
        List<List<Object>> rows = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            int r = shown == 1 ? 0 : (int) ((long) i * (total - 1) / (shown - 1));
            List<Object> row = new ArrayList<>(f + 1);
            for (int j = 0; j < f; j++) {
                double v = data.features()[r * f + j];
                row.add(Double.isNaN(v) ? null : v);
            }
            row.add(data.labels() != null ? data.labels().get(r) : data.values()[r]);
            rows.add(row);
        }
        return new Sample(columns, total, rows);
    }

    /** The summary of a dataset the owner may use; a not-found problem otherwise. */
    @Transactional(readOnly = true)
    public Summary summary(String owner, String id) {
        DatasetResponse dataset = get(owner, id);
        return new Summary(dataset.task(), dataset.rows(), dataset.schema().inputs(), dataset.schema().classBalance(),
                dataset.schema().missingNumericFeatures(), dataset.imageShape() != null);
    }

    /**
     * The rows of a dataset the owner may use (a built-in or their own), ready for the engine's
     * preparation. Reads the stored content back through the same checks as the upload. The content is copied to a
     * temporary file first and parsed from there, so the connection is held only for the copy, not for the parse.
     */
    public LabeledData load(String owner, String id) throws IOException {
        if (id.startsWith(BuiltinDatasets.PREFIX)) {
            BuiltinDatasets.Builtin builtin = builtins.find(id).orElseThrow(() -> ApiException.notFound("dataset", id));
            LabeledData cached = loadedBuiltins.get(id);
            return cached != null ? cached : loadedBuiltins.computeIfAbsent(id, key -> readBuiltin(builtin));
        }
        Dataset dataset = owned(owner, id);
        LabeledDataCollector collector = new LabeledDataCollector(dataset.target(), dataset.task(), dataset.categorical(),
                dataset.image());
        Path copy = Files.createTempFile("trainyard-load", ".csv.gz");
        try {
            jdbc.query("select content from dataset_content where dataset_id = ?", resultSet -> {
                try (InputStream in = resultSet.getBinaryStream(1)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, dataset.id());
            try (InputStream in = Files.newInputStream(copy)) {
                CsvReader.read(in, limits, collector);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
        return collector.data();
    }

    /** How {@code data}, loaded from the owner's dataset {@code id}, encodes its raw columns as inputs. */
    @Transactional(readOnly = true)
    public FeatureEncoding encoding(String owner, String id, LabeledData data) {
        return FeatureEncoding.of(get(owner, id), data);
    }

    /**
     * Reads CSV text (plain or gzip) with the checks and limits of an upload, row by row: a caller can stream rows it
     * does not keep. A header row comes first; a malformed file is a 400 problem naming its line.
     */
    public void readCsv(InputStream in, CsvRows rows) throws IOException {
        CsvReader.read(in, limits, new CsvReader.Rows() {
            @Override
            public void header(List<String> names) {
                rows.header(names);
            }

            @Override
            public void row(long line, List<String> fields) {
                rows.row(line, fields);
            }
        });
    }

    /** What {@link #readCsv} hands each row to. */
    public interface CsvRows {
        void header(List<String> names);

        /** One record; {@code line} is where it starts in the file (the header is line 1). */
        void row(long line, List<String> fields);
    }

    /** Built-ins never change, so each is read once per node; the engine only reads the arrays. */
    private LabeledData readBuiltin(BuiltinDatasets.Builtin builtin) {
        LabeledDataCollector collector = new LabeledDataCollector(builtin.schema().target(), builtin.schema().task(),
                Set.of(), builtin.image());
        try (InputStream in = builtins.open(builtin)) {
            CsvReader.read(in, limits, collector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return collector.data();
    }

    @Transactional
    void delete(String owner, String id) {
        if (id.startsWith(BuiltinDatasets.PREFIX)) {
            throw ApiException.conflict("Built-in datasets belong to everyone and cannot be deleted.");
        }
        Dataset dataset = owned(owner, id);
        long active = usage.activeJobs(owner, id);
        if (active > 0) {
            throw ApiException.conflict("Dataset " + id + " is used by " + active + " queued or running job(s). Cancel "
                    + "them or wait for them to finish, then delete it.");
        }
        datasets.delete(dataset);
    }

    private Dataset owned(String owner, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw ApiException.notFound("dataset", id);
        }
        return datasets.findByPublicIdAndOwner(uuid, owner).orElseThrow(() -> ApiException.notFound("dataset", id));
    }

    private static DatasetResponse response(Dataset dataset, DatasetSchema schema) {
        return new DatasetResponse(dataset.publicId().toString(), dataset.name(), dataset.source().name().toLowerCase(),
                dataset.task().name().toLowerCase(), dataset.target(), dataset.rows(), dataset.columns(),
                dataset.image(), dataset.checksum(), dataset.sizeBytes(), dataset.createdAt(), schema);
    }

    private static DatasetResponse response(BuiltinDatasets.Builtin builtin, DatasetSchema schema) {
        DatasetSchema s = builtin.schema();
        return new DatasetResponse(builtin.id(), builtin.name(), "builtin", s.task().name().toLowerCase(), s.target(),
                s.rows(), s.columns(), builtin.image(), null, 0, null, schema);
    }
}

package dev.trainyard.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
 */
@Service
public class DatasetService {

    private final DatasetRepository datasets;
    private final BuiltinDatasets builtins;
    private final DatasetLimits limits;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final DatasetUsage usage;
    private final Clock clock;
    private final Validator validator;
    private final Map<String, LabeledData> loadedBuiltins = new ConcurrentHashMap<>();

    DatasetService(DatasetRepository datasets, BuiltinDatasets builtins, DatasetLimits limits, JdbcTemplate jdbc,
            JsonMapper json, DatasetUsage usage, Validator validator, Clock clock) {
        this.validator = validator;
        this.usage = usage;
        this.datasets = datasets;
        this.builtins = builtins;
        this.limits = limits;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** What an upload says about itself besides its bytes. */
    record Upload(String name, String target, Task task, int[] image, Set<String> categorical) {
    }

    @Transactional
    DatasetResponse upload(String owner, Upload upload, Path file) throws IOException {
        return store(owner, upload, file, Dataset.Source.UPLOAD).response();
    }

    /** A generated dataset and whether it is new; generating the same one again returns the stored one. */
    record Stored(DatasetResponse response, boolean created) {
    }

    @Transactional
    Stored generate(String owner, GenerateRequest request) throws IOException {
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
    @Transactional
    public String generatedFor(String owner, GenerateRequest request) {
        List<FieldProblem> problems = validator.validate(request).stream()
                .map(v -> new FieldProblem("dataset.generate." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field)).toList();
        if (!problems.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "Field '" + problems.get(0).field() + "': "
                    + problems.get(0).message() + ".", problems);
        }
        try {
            return generate(owner, request).response().id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stored store(String owner, Upload upload, Path file, Dataset.Source source) throws IOException {
        MessageDigest digest = sha256();
        DatasetProfiler profiler = new DatasetProfiler(upload.target(), upload.task(), upload.categorical(), limits);
        try (InputStream in = Files.newInputStream(file)) {
            CsvReader.read(in, limits.maxBytes(), profiler, digest);
        }
        DatasetSchema schema = profiler.schema();
        checkImage(upload.image(), schema);
        String checksum = HexFormat.of().formatHex(digest.digest());
        Optional<Dataset> existing = datasets.findByOwnerAndChecksum(owner, checksum);
        if (existing.isPresent() && source == Dataset.Source.GENERATED) {
            return new Stored(response(existing.get(), schema), false);
        }
        existing.ifPresent(found -> {
            throw ApiException.conflict("You uploaded this content before, as dataset " + found.publicId() + " ('"
                    + found.name() + "'). Use that dataset, or delete it first.");
        });
        Dataset dataset;
        try {
            dataset = datasets.saveAndFlush(new Dataset(owner, upload.name(), source, schema,
                    json.writeValueAsString(schema), checksum, Files.size(file), upload.image(), upload.categorical(),
                    clock.instant()));
        } catch (DataIntegrityViolationException violation) {
            if (!Databases.uniqueViolation(violation, "uk_dataset_owner_checksum")) {
                throw violation;
            }
            throw ApiException.conflict("The same content was being stored by another request just now. List your "
                    + "datasets to find it.");
        }
        storeContent(dataset.id(), file);
        return new Stored(response(dataset, schema), true);
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
     * input, after one-hot encoding, which can be far more than the CSV's columns.
     */
    public record Summary(String task, long rows, int inputs, Map<String, Long> classBalance) {
    }

    /** The summary of a dataset the owner may use; a not-found problem otherwise. */
    @Transactional(readOnly = true)
    public Summary summary(String owner, String id) {
        DatasetResponse dataset = get(owner, id);
        return new Summary(dataset.task(), dataset.rows(), dataset.schema().inputs(), dataset.schema().classBalance());
    }

    /**
     * The rows of a dataset the owner may use (a built-in or their own), ready for the engine's
     * preparation. Reads the stored content back through the same checks as the upload.
     */
    @Transactional(readOnly = true)
    public LabeledData load(String owner, String id) throws IOException {
        if (id.startsWith(BuiltinDatasets.PREFIX)) {
            BuiltinDatasets.Builtin builtin = builtins.find(id).orElseThrow(() -> ApiException.notFound("dataset", id));
            LabeledData cached = loadedBuiltins.get(id);
            return cached != null ? cached : loadedBuiltins.computeIfAbsent(id, key -> readBuiltin(builtin));
        }
        Dataset dataset = owned(owner, id);
        LabeledDataCollector collector = new LabeledDataCollector(dataset.target(), dataset.task(), dataset.categorical(),
                dataset.image());
        jdbc.query("select content from dataset_content where dataset_id = ?", resultSet -> {
            try (InputStream in = resultSet.getBinaryStream(1)) {
                CsvReader.read(in, limits.maxBytes(), collector);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, dataset.id());
        return collector.data();
    }

    /** Built-ins never change, so each is read once per node; the engine only reads the arrays. */
    private LabeledData readBuiltin(BuiltinDatasets.Builtin builtin) {
        LabeledDataCollector collector = new LabeledDataCollector(builtin.schema().target(), builtin.schema().task(),
                Set.of(), builtin.image());
        try (InputStream in = builtins.open(builtin)) {
            CsvReader.read(in, limits.maxBytes(), collector);
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

    /** Streams the file into the content table, compressing it unless it already is gzip. */
    private void storeContent(long datasetId, Path file) throws IOException {
        Path compressed = Files.createTempFile("trainyard-dataset", ".csv.gz");
        try {
            try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(compressed)) {
                if (isGzip(file)) {
                    in.transferTo(out);
                } else {
                    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
                        in.transferTo(gzip);
                    }
                }
            }
            long length = Files.size(compressed);
            try (InputStream content = Files.newInputStream(compressed)) {
                jdbc.update("insert into dataset_content (dataset_id, content) values (?, ?)", statement -> {
                    statement.setLong(1, datasetId);
                    statement.setBinaryStream(2, content, length);
                });
            }
        } finally {
            Files.deleteIfExists(compressed);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static void checkImage(int[] image, DatasetSchema schema) {
        if (image != null && image[0] * image[1] * image[2] != schema.columns() - 1) {
            throw new DatasetException("An image of " + image[0] + "x" + image[1] + "x" + image[2] + " needs "
                    + image[0] * image[1] * image[2] + " feature columns; the file has " + (schema.columns() - 1) + ".");
        }
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

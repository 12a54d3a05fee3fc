package dev.trainyard.dataset;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.trainyard.engine.spec.Task;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored dataset's metadata and schema; its content lives in {@code dataset_content}. */
@Entity
@Table(name = "dataset")
class Dataset {

    enum Source { UPLOAD, GENERATED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    private UUID publicId;

    @Column(nullable = false, updatable = false)
    private String owner;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Source source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Task task;

    @Column(nullable = false, updatable = false)
    private String target;

    @Column(name = "row_count", nullable = false, updatable = false)
    private long rows;

    @Column(name = "column_count", nullable = false, updatable = false)
    private int columns;

    @Column(nullable = false, updatable = false)
    private String checksum;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long sizeBytes;

    @Column(name = "schema_json", nullable = false, updatable = false, columnDefinition = "text")
    private String schemaJson;

    @Column(name = "image_height")
    private Integer imageHeight;

    @Column(name = "image_width")
    private Integer imageWidth;

    @Column(name = "image_channels")
    private Integer imageChannels;

    @Column(name = "categorical_columns", updatable = false)
    private String categoricalColumns;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Dataset() {
    }

    Dataset(String owner, String name, Source source, DatasetSchema schema, String schemaJson, String checksum,
            long sizeBytes, int[] image, Set<String> categorical, Instant createdAt) {
        this.publicId = UUID.randomUUID();
        this.owner = owner;
        this.name = name;
        this.source = source;
        this.task = schema.task();
        this.target = schema.target();
        this.rows = schema.rows();
        this.columns = schema.columns();
        this.schemaJson = schemaJson;
        this.checksum = checksum;
        this.sizeBytes = sizeBytes;
        if (image != null) {
            this.imageHeight = image[0];
            this.imageWidth = image[1];
            this.imageChannels = image[2];
        }
        this.categoricalColumns = categorical.isEmpty() ? null : String.join("\n", new TreeSet<>(categorical));
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    UUID publicId() {
        return publicId;
    }

    String owner() {
        return owner;
    }

    String name() {
        return name;
    }

    Source source() {
        return source;
    }

    Task task() {
        return task;
    }

    String target() {
        return target;
    }

    long rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    String checksum() {
        return checksum;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    String schemaJson() {
        return schemaJson;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** Feature columns declared categorical (names may hold commas, so they are stored one per line). */
    Set<String> categorical() {
        return categoricalColumns == null ? Set.of() : Set.of(categoricalColumns.split("\n"));
    }

    int[] image() {
        return imageHeight == null ? null : new int[] {imageHeight, imageWidth, imageChannels};
    }
}

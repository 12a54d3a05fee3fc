package dev.trainyard.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A submitted training run: its spec as sent, the spec's canonical hash, and where it is in its lifecycle. */
@Entity
@Table(name = "job")
class TrainingJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    private UUID publicId;

    @Column(nullable = false, updatable = false)
    private String owner;

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status;

    @Column(name = "dataset_ref", nullable = false, updatable = false)
    private String datasetRef;

    @Column(name = "spec_json", nullable = false, updatable = false, columnDefinition = "text")
    private String specJson;

    @Column(name = "spec_hash", nullable = false, updatable = false)
    private String specHash;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TrainingJob() {
    }

    TrainingJob(String owner, String name, String datasetRef, String specJson, String specHash, String idempotencyKey,
            Instant now) {
        this.publicId = UUID.randomUUID();
        this.owner = owner;
        this.name = name;
        this.status = JobStatus.QUEUED;
        this.datasetRef = datasetRef;
        this.specJson = specJson;
        this.specHash = specHash;
        this.idempotencyKey = idempotencyKey;
        this.createdAt = now;
        this.updatedAt = now;
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

    JobStatus status() {
        return status;
    }

    String datasetRef() {
        return datasetRef;
    }

    String specJson() {
        return specJson;
    }

    String specHash() {
        return specHash;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}

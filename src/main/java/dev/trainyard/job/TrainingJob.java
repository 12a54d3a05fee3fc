package dev.trainyard.job;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.Formula;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A submitted training run: its spec as sent, the spec's canonical hash, its effective spec (what it runs), and where
 * it is in its lifecycle. The entity
 * only inserts; status, lease, progress and results change through {@link JobTransitions} and {@link JobQueue}'s
 * fenced SQL, so the class is the read model of a row and stays long for its getters.
 */
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
    @Column(nullable = false, updatable = false)
    private JobStatus status;

    @Column(name = "dataset_ref", nullable = false, updatable = false)
    private String datasetRef;

    @Column(name = "spec_json", nullable = false, updatable = false, columnDefinition = "text")
    private String specJson;

    @Column(name = "spec_hash", nullable = false, updatable = false)
    private String specHash;

    @Column(name = "effective_spec", updatable = false, columnDefinition = "text")
    private String effectiveSpec;

    @Column(nullable = false, updatable = false)
    private int priority;

    /** Written by the worker's queue statements, never through the entity. */
    @Column(name = "learning_rate_search", insertable = false, updatable = false, columnDefinition = "text")
    private String learningRateSearch;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "total_epochs", nullable = false)
    private int totalEpochs;

    @Column(name = "sweep_ref", updatable = false)
    private String sweepRef;

    @Column(name = "trial_index", updatable = false)
    private Integer trialIndex;

    /** The key of the job this one was derived from; the database sets it null when that job is deleted. */
    @Column(name = "derived_from", updatable = false)
    private Long derivedFrom;

    /** The merge patch this job's spec was derived with, as sent; null for a job submitted whole. */
    @Column(name = "derived_patch", updatable = false, columnDefinition = "text")
    private String derivedPatch;

    /** The public id of the job this one was derived from, read with the row; null once that job is deleted. */
    @Formula("(select d.public_id from job d where d.id = derived_from)")
    private UUID derivedFromPublicId;

    // Written by the queue's fenced SQL, read here.
    @Column(insertable = false, updatable = false)
    private int attempt;

    @Column(name = "lost_leases", insertable = false, updatable = false)
    private int lostLeases;

    @Column(name = "stop_request", insertable = false, updatable = false)
    private String stopRequest;

    @Column(name = "not_before", insertable = false, updatable = false)
    private Instant notBefore;

    @Column(insertable = false, updatable = false)
    private String node;

    @Column(name = "epochs_done", insertable = false, updatable = false)
    private int epochsDone;

    @Column(name = "attempt_first_epoch", insertable = false, updatable = false)
    private int attemptFirstEpoch;

    @Column(name = "attempt_started_at", insertable = false, updatable = false)
    private Instant attemptStartedAt;

    @Column(name = "started_at", insertable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "finished_at", insertable = false, updatable = false)
    private Instant finishedAt;

    @Column(name = "stop_reason", insertable = false, updatable = false)
    private String stopReason;

    @Column(name = "failure_code", insertable = false, updatable = false)
    private String failureCode;

    @Column(name = "failure_message", insertable = false, updatable = false)
    private String failureMessage;

    @Column(name = "best_epoch", insertable = false, updatable = false)
    private Integer bestEpoch;

    @Column(name = "test_metrics", insertable = false, updatable = false, columnDefinition = "text")
    private String testMetrics;

    /** Submission's warnings, then the run's added to them by the queue when the job ends (JSON list of strings). */
    @Column(updatable = false, columnDefinition = "text")
    private String warnings;

    @Column(name = "steps_per_epoch", updatable = false)
    private Integer stepsPerEpoch;

    protected TrainingJob() {
    }


    /** A job queued now from {@code spec}, which {@code plan} is the checked form of; a sweep's trial when it names one. */
    TrainingJob(String owner, JobPlan plan, PlannedJob spec, String idempotencyKey, String sweepRef, Integer trialIndex,
            Instant now) {
        this.totalEpochs = plan.training().epochs();
        this.sweepRef = sweepRef;
        this.trialIndex = trialIndex;
        this.publicId = UUID.randomUUID();
        this.owner = owner;
        this.name = plan.name();
        this.status = JobStatus.QUEUED;
        this.datasetRef = plan.datasetId();
        this.specJson = spec.spec();
        this.specHash = spec.hash();
        this.effectiveSpec = spec.effectiveSpec();
        this.idempotencyKey = idempotencyKey;
        this.priority = plan.priority();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Records, before the job is saved, what checking its spec against its dataset found: the warnings (a JSON list)
     * and the gradient steps of one epoch.
     */
    void found(String warnings, int stepsPerEpoch) {
        this.warnings = warnings;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** This unsaved job as derived from {@code original} by {@code patch}, the merge patch as sent. */
    TrainingJob derivedFrom(TrainingJob original, String patch) {
        this.derivedFrom = original.id();
        this.derivedFromPublicId = original.publicId();
        this.derivedPatch = patch;
        return this;
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

    String learningRateSearch() {
        return learningRateSearch;
    }

    String effectiveSpec() {
        return effectiveSpec;
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
    int totalEpochs() {
        return totalEpochs;
    }

    String sweepRef() {
        return sweepRef;
    }

    Integer trialIndex() {
        return trialIndex;
    }

    /** The public id of the job this one was derived from, or null: not derived, or that job was deleted. */
    UUID derivedFromPublicId() {
        return derivedFromPublicId;
    }

    /** The merge patch this job was derived with, or null when it was submitted whole. */
    String derivedPatch() {
        return derivedPatch;
    }

    int attempt() {
        return attempt;
    }

    int lostLeases() {
        return lostLeases;
    }

    /** A pending cancel or prune (see {@link StopRequest}), or null. */
    String stopRequest() {
        return stopRequest;
    }

    Instant notBefore() {
        return notBefore;
    }

    String node() {
        return node;
    }

    int epochsDone() {
        return epochsDone;
    }

    int attemptFirstEpoch() {
        return attemptFirstEpoch;
    }

    Instant attemptStartedAt() {
        return attemptStartedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    String stopReason() {
        return stopReason;
    }

    String failureCode() {
        return failureCode;
    }

    String failureMessage() {
        return failureMessage;
    }

    Integer bestEpoch() {
        return bestEpoch;
    }

    String testMetrics() {
        return testMetrics;
    }

    String warnings() {
        return warnings;
    }

    /** Gradient steps in one epoch, as submission computed them; null for a job submitted before they were kept. */
    Integer stepsPerEpoch() {
        return stepsPerEpoch;
    }
}

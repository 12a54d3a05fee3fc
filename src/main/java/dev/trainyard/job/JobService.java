package dev.trainyard.job;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.engine.spec.DatasetFit;
import dev.trainyard.engine.spec.FitNote;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.Databases;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.JsonProblems;
import dev.trainyard.system.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user's jobs: accepts them (the whole spec checked against its dataset and the limits, then queued with its
 * parameters), lists and shows them, cancels and deletes them. Longer than most classes because submission's checks
 * and its idempotency live here, next to the conditional updates that end a job.
 */
@Service
class JobService {

    private final JobRepository jobs;
    private final DatasetService datasets;
    private final JobLimits limits;
    private final JdbcTemplate jdbc;
    private final JobViews views;
    private final JobTransitions transitions;
    private final JobQueue queue;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    JobService(JobRepository jobs, DatasetService datasets, JobLimits limits, JdbcTemplate jdbc, JobViews views,
            JobTransitions transitions, JobQueue queue, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.json = json;
        this.jobs = jobs;
        this.datasets = datasets;
        this.limits = limits;
        this.jdbc = jdbc;
        this.views = views;
        this.transitions = transitions;
        this.queue = queue;
        this.events = events;
        this.clock = clock;
    }

    static final int MAX_IDEMPOTENCY_KEY = 200;

    /** Queues a job; with an idempotency key seen before (and the same spec), returns that job instead. */
    @Transactional
    JobResponse submit(String owner, JobSpec spec, String idempotencyKey) {
        return submit(owner, spec, idempotencyKey, null);
    }

    /**
     * Queues a job derived from the owner's job {@code id}: its spec is {@code patch}, a JSON Merge Patch (RFC 7396),
     * applied to that job's spec as it was sent (not to its effective spec, so defaults stay defaults of this
     * release), then read, checked and queued exactly as {@link #submit} does, the Idempotency-Key included; its
     * problems are named by their paths in the patched spec. The new job keeps the original's name unless the patch
     * gives one (a patch that removes the name keeps it too), and is linked to the original with the patch as sent.
     */
    @Transactional
    JobResponse retryWith(String owner, String id, JsonNode patch, String idempotencyKey) {
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            throw ApiException.invalid("the request", List.of(new FieldProblem("patch", "is required: a JSON Merge "
                    + "Patch (RFC 7396) of the job's spec, such as {\"training\": {\"epochs\": 50}}")));
        }
        if (!patch.isObject()) {
            throw ApiException.invalid("the request", List.of(new FieldProblem("patch", "must be a JSON object of "
                    + "the spec's members to change, such as {\"training\": {\"epochs\": 50}}; was " + kind(patch)
                    + ", which would replace the whole spec")));
        }
        TrainingJob original = owned(owner, id);
        JsonNode sent = json.readTree(original.specJson());
        ObjectNode patched = (ObjectNode) MergePatch.apply(sent, patch);
        if (patch.path("name").isNull() && sent.hasNonNull("name")) {
            patched.set("name", sent.get("name"));
        }
        JobSpec spec;
        try {
            spec = json.treeToValue(patched, JobSpec.class);
        } catch (JacksonException unreadable) {
            throw JsonProblems.asBody(unreadable);
        }
        return submit(owner, spec, idempotencyKey, new Origin(original, json.writeValueAsString(patch)));
    }

    /** The job a derived one comes from, and the merge patch as sent. */
    private record Origin(TrainingJob job, String patch) {
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "not an object";
        };
    }

    private JobResponse submit(String owner, JobSpec spec, String idempotencyKey, Origin origin) {
        Accepted accepted = accept(owner, spec, "");
        JobPlan plan = accepted.plan();
        PlannedJob planned = PlannedJob.of(spec, plan);
        String hash = planned.hash();
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > MAX_IDEMPOTENCY_KEY) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The Idempotency-Key header may have at most "
                    + MAX_IDEMPOTENCY_KEY + " characters, had " + key.length() + ". A UUID is a good key.");
        }
        if (key != null) {
            var earlier = jobs.findByOwnerAndIdempotencyKey(owner, key);
            if (earlier.isPresent()) {
                if (!earlier.get().specHash().equals(hash)) {
                    throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key + "' was used "
                            + "for job " + earlier.get().publicId() + " with a different spec. Use a new key for a new job.");
                }
                return views.detailed(earlier.get());
            }
        }
        TrainingJob job;
        try {
            TrainingJob unsaved = new TrainingJob(owner, plan, planned, key, null, null, clock.instant());
            job = enqueue(origin == null ? unsaved : unsaved.derivedFrom(origin.job(), origin.patch()), accepted.fit());
        } catch (DataIntegrityViolationException violation) {
            if (origin != null && Databases.missingParent(violation, "fk_job_derived_from")) {
                throw ApiException.notFound("job", origin.job().publicId());
            }
            if (key == null || !Databases.uniqueViolation(violation, "uk_job_idempotency")) {
                throw violation;
            }
            throw ApiException.conflict("Another request with Idempotency-Key '" + key + "' is being handled right now. "
                    + "Send this one again in a moment to get its job.");
        }
        return views.detailed(job);
    }

    /**
     * The planned form of a spec that is valid as a whole for this owner (a dataset it generates inline is made now),
     * or its problems, by field.
     */
    Checked<PlannedJob> plan(String owner, JobSpec spec) {
        try {
            return Checked.of(PlannedJob.of(spec, check(owner, spec, "")));
        } catch (ApiException invalid) {
            return Checked.invalid(problems(invalid));
        }
    }

    /**
     * Queues trial {@code index} of a sweep as it was planned; the value is empty when that trial exists already
     * (another node created it). Its problem, if its dataset is gone or its spec unreadable, is the value's absence.
     */
    @Transactional
    Checked<Optional<String>> submitTrial(String owner, PlannedJob trial, String sweepRef, int index) {
        if (jobs.existsBySweepRefAndTrialIndex(sweepRef, index)) {
            return Checked.of(Optional.empty());
        }
        Checked<JobPlan> plan = JobSpecMapper.stored(trial.effectiveSpec(), json);
        if (!plan.valid()) {
            return Checked.invalid(plan.problems());
        }
        DatasetService.Summary dataset;
        try {
            dataset = lookup(owner, plan.value().datasetId());
        } catch (ApiException gone) {
            return Checked.invalid(problems(gone));
        }
        TrainingJob job = enqueue(new TrainingJob(owner, plan.value(), trial, null, sweepRef, index, clock.instant()),
                fit(plan.value(), dataset));
        return Checked.of(Optional.of(job.publicId().toString()));
    }

    /** The field problems of {@code invalid}, or its message as the one problem when it names no field. */
    static List<FieldProblem> problems(ApiException invalid) {
        return invalid.fieldProblems().isEmpty() ? List.of(new FieldProblem("", invalid.getMessage()))
                : invalid.fieldProblems();
    }

    /** Saves a job with what submission found of it on its dataset: its warnings and the steps of an epoch. */
    private TrainingJob enqueue(TrainingJob unsaved, DatasetFit.Report fit) {
        unsaved.found(fit.warnings().isEmpty() ? null
                : json.writeValueAsString(fit.warnings().stream().map(FitNote::describe).toList()),
                fit.stepsPerEpoch());
        TrainingJob job = jobs.saveAndFlush(unsaved);
        saveParameters(job.id(), CanonicalSpec.flatten(job.effectiveSpec()));
        transitions.submitted(job.id());
        events.publishEvent(new JobQueued(job.publicId().toString()));
        return job;
    }

    /**
     * The plan of a spec that is valid as a whole, for this owner's datasets and within the limits (a dataset the spec
     * generates inline is made then); otherwise a 400 problem naming the fields, under {@code prefix}.
     */
    JobPlan check(String owner, JobSpec spec, String prefix) {
        return accept(owner, spec, prefix).plan();
    }

    /** A spec valid as a whole: its plan, and what checking it against its dataset found (warnings, steps). */
    private record Accepted(JobPlan plan, DatasetFit.Report fit) {
    }

    /** As {@link #check}, keeping what the check against the dataset found. */
    private Accepted accept(String owner, JobSpec spec, String prefix) {
        try {
            Checked<JobPlan> checked = JobSpecMapper.map(spec, limits);
            if (!checked.valid()) {
                throw ApiException.invalid("the job spec", checked.problems());
            }
            JobPlan mapped = checked.value();
            JobPlan plan = mapped.datasetId() != null ? mapped
                    : mapped.on(datasets.generatedFor(owner, spec.dataset().generate()));
            return new Accepted(plan, checkAgainstDataset(owner, plan));
        } catch (ApiException invalid) {
            if (prefix.isEmpty() || invalid.fieldProblems().isEmpty()) {
                throw invalid;
            }
            List<FieldProblem> fields = invalid.fieldProblems().stream()
                    .map(field -> new FieldProblem(prefix + field.field(), field.message())).toList();
            throw new ApiException(invalid.kind(), "Field '" + fields.get(0).field() + "': " + fields.get(0).message()
                    + (fields.size() > 1 ? " (and " + (fields.size() - 1) + " more, listed in 'errors')." : "."), fields);
        }
    }

    /** A job of the owner's, or a 404 problem. */
    @Transactional(readOnly = true)
    TrainingJob find(String owner, String id) {
        return owned(owner, id);
    }

    @Transactional(readOnly = true)
    JobResponse get(String owner, String id) {
        return views.detailed(owned(owner, id));
    }

    /**
     * Cancels a job: a queued one at once, a running one at its next step boundary (its worker learns of it at the
     * next heartbeat). Cancelling a cancelled job changes nothing; a job that ended otherwise cannot be cancelled.
     */
    @Transactional
    void cancel(String owner, String id) {
        TrainingJob job = owned(owner, id);
        if (!stop(job)) {
            JobStatus now = JobStatus.valueOf(jdbc.queryForObject("select status from job where id = ?", String.class,
                    job.id()));
            if (now.finished() && now != JobStatus.CANCELLED) {
                throw ApiException.conflict("Job " + id + " already ended as " + now.name().toLowerCase()
                        + "; only queued and running jobs can be cancelled.");
            }
        }
    }

    /** As {@link JobSubmissions#cancel}. */
    @Transactional
    boolean cancelTrial(String owner, String id) {
        return jobs.findByPublicIdAndOwner(UUID.fromString(id), owner).map(this::stop).orElse(false);
    }

    /** Cancels a queued job at once, asks a running one to stop; false when it has ended or is stopping already. */
    private boolean stop(TrainingJob job) {
        if (transitions.move(job.id(), JobStatus.QUEUED, JobStatus.CANCELLED, job.attempt(), null)
                .because("cancelled while queued").apply()) {
            events.publishEvent(new JobProgressed(job.id(), true));
            return true;
        }
        return queue.requestStop(job.id(), StopRequest.cancel());
    }

    /** As {@link JobSubmissions#prune}. */
    @Transactional
    boolean prune(String jobId, String reason) {
        return jdbc.queryForList("select id from job where public_id = ?", Long.class, UUID.fromString(jobId)).stream()
                .anyMatch(key -> queue.requestStop(key, StopRequest.prune(reason)));
    }

    /** Deletes a job that has ended, with its history, checkpoint and model. */
    @Transactional
    void delete(String owner, String id) {
        TrainingJob job = owned(owner, id);
        if (jdbc.update("delete from job where id = ? and status <> ? and status <> ?", job.id(), JobStatus.QUEUED.name(),
                JobStatus.RUNNING.name()) == 0) {
            throw ApiException.conflict("Job " + id + " is " + job.status().name().toLowerCase() + "; cancel it "
                    + "(POST /api/v1/jobs/" + id + "/cancel) and delete it once it has stopped.");
        }
        events.publishEvent(new JobDeleted(job.id()));
    }

    /** A page of jobs and the cursor of the next page (null on the last). */
    record Page(List<JobResponse> jobs, String next) {
    }

    /** The owner's jobs matching the query, in its order; {@code after} is the id of the last job already seen. */
    @Transactional(readOnly = true)
    Page list(JobQuery query, String after) {
        JobQuery paged = after == null ? query : query.after(owned(query.owner(), after).id());
        Object[] sql = paged.sql();
        List<Long> ids = jdbc.queryForList((String) sql[0], Long.class, (Object[]) sql[1]);
        Map<Long, TrainingJob> byId = new HashMap<>();
        jobs.findAllById(ids).forEach(job -> byId.put(job.id(), job));
        List<JobResponse> page = ids.stream().map(byId::get).map(views::brief).toList();
        return new Page(page, page.size() == query.size() ? page.get(page.size() - 1).id() : null);
    }

    /**
     * The dataset exists for this owner, the model fits its inputs, the size stays within the limits, and everything
     * of the spec that depends on the dataset and is known before training holds ({@link DatasetFit}): every fault at
     * once, as one 400 problem. The inputs are the network's as it will be built: a categorical column is one input
     * per category after one-hot encoding. What is allowed but likely unwanted comes back as warnings.
     */
    private DatasetFit.Report checkAgainstDataset(String owner, JobPlan plan) {
        var dataset = lookup(owner, plan.datasetId());
        SpecProblems problems = new SpecProblems();
        MissingValues missing = plan.split().missing();
        if (!dataset.missing().isEmpty() && missing.strategy() == MissingValues.Strategy.ERROR) {
            StringJoiner columns = new StringJoiner(", ");
            dataset.missing().forEach((column, cells) -> columns.add("'" + column + "' (" + cells + ")"));
            problems.add("dataset.missing.strategy", "the dataset has empty numeric feature cells, by column: "
                    + columns + ". Choose dataset.missing.strategy drop_rows (leave those rows out) or impute (fill "
                    + "them from the training split), or fill them in the CSV and upload it again");
        }
        int features = dataset.inputs() + (missing.indicates() ? dataset.missing().size() : 0);
        Integer width = problems.attempt("model.layers", () -> plan.model().hiddenWidth(features));
        Task task = task(dataset);
        int classes = classRows(dataset).size();
        long parameters = NetworkSize.parameters(plan.model(), features, NetworkSize.outputs(plan.model(), task, classes));
        if (width != null && parameters > limits.maxParameters()) {
            problems.add("model.layers", "the network has " + parameters + " parameters over the dataset's " + features
                    + " inputs (after one-hot encoding); at most " + limits.maxParameters() + " are allowed "
                    + "(trainyard.jobs.max-parameters). Use fewer layers or fewer units");
        }
        long work = (long) plan.training().epochs() * dataset.rows();
        if (work > limits.maxWork()) {
            problems.add("training.epochs", plan.training().epochs() + " epochs over " + dataset.rows() + " rows is "
                    + work + " row passes; at most " + limits.maxWork() + " are allowed (trainyard.jobs.max-work)");
        }
        if (plan.probes().decisionBoundaryEvery() > 0 && (features != 2 || task != Task.CLASSIFICATION)) {
            problems.add("training.snapshots.decisionBoundaryEvery", "draws the class regions of a classifier of two "
                    + "features; dataset " + plan.datasetId() + " is a " + task.name().toLowerCase(Locale.ROOT)
                    + " dataset of " + features + " inputs. Leave it out, or train on two features (e.g. "
                    + "dataset.generate with kind spirals, moons, circles, xor or blobs)");
        }
        DatasetFit.Report fit = fit(plan, dataset);
        fit.errors().forEach(error -> problems.add(error.field(), error.message()));
        if (!problems.isEmpty()) {
            throw ApiException.invalid("the job spec", problems.list());
        }
        return fit;
    }

    /**
     * The plan checked against the dataset's profile: its errors, its warnings and its steps per epoch. With drop_rows,
     * at most as many rows as the dataset has empty numeric cells are left out before the split.
     */
    private static DatasetFit.Report fit(JobPlan plan, DatasetService.Summary dataset) {
        boolean drops = plan.split().missing().strategy() == MissingValues.Strategy.DROP_ROWS;
        long droppable = drops ? Math.min(dataset.rows(), dataset.missing().values().stream()
                .mapToLong(Long::longValue).sum()) : 0;
        return DatasetFit.check(plan.split(), plan.model(), plan.training(), new DatasetFit.Profile(task(dataset),
                dataset.rows(), classRows(dataset), dataset.images(), droppable));
    }

    private static Task task(DatasetService.Summary dataset) {
        return "regression".equals(dataset.task()) ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    private static Map<String, Long> classRows(DatasetService.Summary dataset) {
        return dataset.classBalance() == null ? Map.of() : dataset.classBalance();
    }

    private DatasetService.Summary lookup(String owner, String id) {
        try {
            return datasets.summary(owner, id);
        } catch (ApiException missing) {
            if (missing.kind() == ProblemType.NOT_FOUND) {
                throw invalid("dataset.id", "no dataset '" + id + "' exists for you; list them with GET /api/v1/datasets");
            }
            throw missing;
        }
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalid("the job spec", List.of(new FieldProblem(field, message)));
    }

    private void saveParameters(long jobId, Map<String, Object> params) {
        jdbc.batchUpdate("insert into job_param (job_id, name, num_value, text_value) values (?, ?, ?, ?)",
                params.entrySet().stream().map(p -> new Object[] {jobId, p.getKey(),
                        p.getValue() instanceof Double number ? number : null,
                        p.getValue() instanceof Double ? null : p.getValue()}).toList());
    }

    private TrainingJob owned(String owner, String id) {
        try {
            return jobs.findByPublicIdAndOwner(UUID.fromString(id), owner)
                    .orElseThrow(() -> ApiException.notFound("job", id));
        } catch (IllegalArgumentException notAUuid) {
            throw ApiException.notFound("job", id);
        }
    }
}

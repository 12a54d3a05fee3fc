package dev.trainyard.job;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

import dev.trainyard.security.ApiPrincipal;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Submitting and reading training jobs. */
@RestController
@Validated
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Submit a network and its training as JSON; follow it; read its results")
class JobController {

    private static final String PARAM = "param.";

    private final JobService jobs;
    private final JobViews views;

    JobController(JobService jobs, JobViews views) {
        this.jobs = jobs;
        this.views = views;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a training job", description = "The whole spec is checked at once (every invalid field "
            + "is listed in one 400 problem) against its dataset and the limits, then queued: 202 with a Location. "
            + "A retry with the same Idempotency-Key and body returns the same job; the same key with another body "
            + "is a 422 problem.")
    ResponseEntity<JobResponse> submit(@AuthenticationPrincipal ApiPrincipal principal, @RequestBody JobSpec spec,
            @Parameter(description = "makes retries safe: the same key and body give the same job")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            UriComponentsBuilder uri) {
        JobResponse job = jobs.submit(principal.owner(), spec, idempotencyKey);
        return ResponseEntity.accepted().location(uri.path("/api/v1/jobs/{id}").build(job.id())).body(job);
    }

    @PostMapping(path = "/{id}/retry-with", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a job derived from another by a JSON Merge Patch", description = "The body's 'patch', "
            + "a JSON Merge Patch (RFC 7396), is applied to the spec of job {id} as it was sent (members to change, "
            + "null to remove one, arrays replaced whole), and the result is submitted exactly as POST /api/v1/jobs "
            + "submits a spec: checked whole (every problem in one 400, named by its path in the patched spec), "
            + "queued, 202 with a Location; the Idempotency-Key is honoured the same way. The new job shows "
            + "'derivedFrom' (the original's id and the patch) and keeps the original's name unless the patch sets "
            + "one. A body without an object 'patch' is a 400 problem naming 'patch'; a job not yours is a 404.")
    ResponseEntity<JobResponse> retryWith(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestBody(required = false) RetryWithRequest body,
            @Parameter(description = "makes retries safe: the same key and patched spec give the same job")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            UriComponentsBuilder uri) {
        JobResponse job = jobs.retryWith(principal.owner(), id, body == null ? null : body.patch(), idempotencyKey);
        return ResponseEntity.accepted().location(uri.path("/api/v1/jobs/{id}").build(job.id())).body(job);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a job", description = "Status, phase, progress with an ETA, the latest and best epochs' "
            + "metrics, stop reason or failure, attempts and node. Send the ETag back as If-None-Match to poll cheaply: "
            + "304 until something changes.")
    ResponseEntity<JobResponse> get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            WebRequest request) {
        TrainingJob job = jobs.find(principal.owner(), id);
        String etag = JobViews.etag(job);
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(views.detailed(job));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a job", description = "A queued job ends cancelled at once; a running one stops at its "
            + "next step boundary (within a heartbeat interval) and ends cancelled with its history kept. Cancelling "
            + "again changes nothing; a job that already ended otherwise is a 409 problem.")
    JobResponse cancel(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        jobs.cancel(principal.owner(), id);
        return jobs.get(principal.owner(), id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a job that has ended", description = "Removes the job with its history and model. "
            + "A queued or running job is a 409 problem: cancel it first.")
    ResponseEntity<Void> delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        jobs.delete(principal.owner(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    @Operation(summary = "List your jobs", description = "Newest first (sort=oldest for the other way). Filter by "
            + "status, name, sweep, the job they were derived from (derivedFrom), and any submitted "
            + "hyperparameter as param.PATH=VALUE (e.g. param.training.optimizer.learningRate=0.001). Pages are keyset "
            + "pages: when a page is full, the header X-Next-After holds the value to pass as 'after' for the next one.")
    ResponseEntity<List<JobResponse>> list(@AuthenticationPrincipal ApiPrincipal principal,
            @Parameter(description = "queued, running, succeeded, failed, pruned or cancelled")
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String name,
            @Parameter(description = "the id of a sweep: only its trials") @RequestParam(required = false) String sweep,
            @Parameter(description = "the id of a job: only the jobs derived from it (POST /api/v1/jobs/{id}/retry-with)")
            @RequestParam(required = false) String derivedFrom,
            @Parameter(description = "the id of the last job of the previous page") @RequestParam(required = false) String after,
            @Parameter(description = "newest (default) or oldest first, by submission")
            @RequestParam(defaultValue = "newest") String sort,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @Parameter(hidden = true) @RequestParam Map<String, String> all) {
        Map<String, String> params = new TreeMap<>();
        all.forEach((key, value) -> {
            if (key.startsWith(PARAM)) {
                params.put(key.substring(PARAM.length()), value);
            }
        });
        JobService.Page page = jobs.list(new JobQuery(principal.owner(), status(status), name, sweep, jobId(derivedFrom), params,
                oldestFirst(sort), null, size), after);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.next() != null) {
            response.header("X-Next-After", page.next());
        }
        return response.body(page.jobs());
    }

    private static boolean oldestFirst(String sort) {
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "newest" -> false;
            case "oldest" -> true;
            default -> throw new ApiException(ProblemType.INVALID_REQUEST, "sort must be newest or oldest; was '" + sort
                    + "'.", List.of(new FieldProblem("sort", "unknown order")));
        };
    }

    private static UUID jobId(String derivedFrom) {
        if (derivedFrom == null || derivedFrom.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(derivedFrom.strip());
        } catch (IllegalArgumentException notAUuid) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "derivedFrom must be the id of a job, as GET "
                    + "/api/v1/jobs shows it (a UUID); was '" + derivedFrom + "'.", List.of(new FieldProblem(
                    "derivedFrom", "not a job id")));
        }
    }

    private static JobStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return JobStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "status must be one of queued, running, succeeded, "
                    + "failed, pruned, cancelled; was '" + status + "'.", List.of(new FieldProblem("status",
                    "unknown status")));
        }
    }
}

package dev.trainyard.job;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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

    JobController(JobService jobs) {
        this.jobs = jobs;
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

    @GetMapping("/{id}")
    @Operation(summary = "Show a job")
    JobResponse get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return jobs.get(principal.owner(), id);
    }

    @GetMapping
    @Operation(summary = "List your jobs", description = "Newest first. Filter by status, name, and any submitted "
            + "hyperparameter as param.PATH=VALUE (e.g. param.training.optimizer.learningRate=0.001). Pages are keyset "
            + "pages: when a page is full, the header X-Next-After holds the value to pass as 'after' for the next one.")
    ResponseEntity<List<JobResponse>> list(@AuthenticationPrincipal ApiPrincipal principal,
            @Parameter(description = "queued, running, succeeded, failed, pruned or cancelled")
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String name,
            @Parameter(description = "the id of the last job of the previous page") @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @Parameter(hidden = true) @RequestParam Map<String, String> all) {
        Map<String, String> params = new TreeMap<>();
        all.forEach((key, value) -> {
            if (key.startsWith(PARAM)) {
                params.put(key.substring(PARAM.length()), value);
            }
        });
        JobService.Page page = jobs.list(new JobQuery(principal.owner(), status(status), name, params, 0, size), after);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.next() != null) {
            response.header("X-Next-After", page.next());
        }
        return response.body(page.jobs());
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

package dev.trainyard.metrics;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.trainyard.security.ApiPrincipal;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A job's metric history: its metrics, and one metric's points paged or down-sampled. */
@RestController
@Validated
@RequestMapping("/api/v1/jobs/{id}")
@Tag(name = "Jobs")
class MetricsController {

    /** What steps per epoch are, for the schema and the header. */
    static final String STEPS_PER_EPOCH = "gradient steps (optimizer updates) in one epoch, from the training split's "
            + "rows and the batch: 1 for a full batch, one per row for stochastic, ceil(rows / size) for mini-batches; "
            + "counted at submission, before dataset.missing drop_rows leaves rows out. A metric's step is an epoch";
    static final String STEPS_HEADER = "X-Steps-Per-Epoch";

    private final OwnedJobs jobs;
    private final JobMetrics metrics;

    MetricsController(OwnedJobs jobs, JobMetrics metrics) {
        this.jobs = jobs;
        this.metrics = metrics;
    }

    @GetMapping("/metrics")
    @Operation(summary = "List a job's metrics", description = "Every recorded metric with its point count, last value, "
            + "minimum and maximum and the steps (epochs) where they were reached. Header " + STEPS_HEADER + ": the "
            + STEPS_PER_EPOCH + ".")
    @ApiResponse(responseCode = "200", headers = @Header(name = STEPS_HEADER, description = STEPS_PER_EPOCH,
            schema = @Schema(type = "integer")))
    ResponseEntity<List<JobMetrics.Summary>> metrics(@AuthenticationPrincipal ApiPrincipal principal,
            @PathVariable String id) {
        OwnedJobs.OwnedJob job = jobs.find(principal.owner(), id);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (job.stepsPerEpoch() != null) {
            response.header(STEPS_HEADER, String.valueOf(job.stepsPerEpoch()));
        }
        return response.body(metrics.summaries(job.key()));
    }

    @GetMapping("/metrics/{name}")
    @Operation(summary = "Read one metric's history", description = "Paged by step (fromStep, size; X-Next-From-Step "
            + "names the next page), or, with maxPoints, the whole history down-sampled to at most that many points "
            + "that keep each stretch's lowest and highest values.")
    ResponseEntity<MetricHistory> history(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @PathVariable String name,
            @RequestParam(defaultValue = "0") @Min(0) int fromStep,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int size,
            @Parameter(description = "down-sample the whole history to at most this many points")
            @RequestParam(required = false) @Min(2) @Max(10000) Integer maxPoints) {
        OwnedJobs.OwnedJob owned = jobs.find(principal.owner(), id);
        long job = owned.key();
        JobMetrics.Points points = maxPoints == null ? metrics.page(job, name, fromStep, size)
                : metrics.downsampled(job, name, maxPoints);
        if (points.size() == 0) {
            requireKnown(job, name);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (maxPoints == null && points.size() == size) {
            response.header("X-Next-From-Step", String.valueOf(points.steps()[points.size() - 1] + 1));
        }
        if (owned.stepsPerEpoch() != null) {
            response.header(STEPS_HEADER, String.valueOf(owned.stepsPerEpoch()));
        }
        return response.body(MetricHistory.of(name, owned.stepsPerEpoch(), points));
    }

    private void requireKnown(long job, String name) {
        List<String> known = metrics.summaries(job).stream().map(JobMetrics.Summary::name).toList();
        if (!known.isEmpty() && !known.contains(name)) {
            throw new ApiException(ProblemType.NOT_FOUND, "This job records no metric '" + name + "'; it records "
                    + String.join(", ", known) + ".");
        }
    }
}

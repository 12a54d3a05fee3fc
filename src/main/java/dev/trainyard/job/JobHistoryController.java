package dev.trainyard.job;

import java.io.IOException;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.trainyard.security.ApiPrincipal;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A job's metric history and its live events. */
@RestController
@Validated
@RequestMapping("/api/v1/jobs/{id}")
@Tag(name = "Jobs")
class JobHistoryController {

    private final JobService jobs;
    private final JobMetrics metrics;
    private final JobEvents events;

    JobHistoryController(JobService jobs, JobMetrics metrics, JobEvents events) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.events = events;
    }

    @GetMapping("/metrics")
    @Operation(summary = "List a job's metrics", description = "Every recorded metric with its point count, last value, "
            + "minimum and maximum and the steps (epochs) where they were reached.")
    List<JobMetrics.Summary> metrics(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return metrics.summaries(jobs.find(principal.owner(), id).id());
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
        long job = jobs.find(principal.owner(), id).id();
        JobMetrics.Points points = maxPoints == null ? metrics.page(job, name, fromStep, size)
                : metrics.downsampled(job, name, maxPoints);
        if (points.size() == 0) {
            requireKnown(job, name);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (maxPoints == null && points.size() == size) {
            response.header("X-Next-From-Step", String.valueOf(points.steps()[points.size() - 1] + 1));
        }
        return response.body(MetricHistory.of(name, points));
    }

    private void requireKnown(long job, String name) {
        List<String> known = metrics.summaries(job).stream().map(JobMetrics.Summary::name).toList();
        if (!known.isEmpty() && !known.contains(name)) {
            throw new ApiException(ProblemType.NOT_FOUND, "This job records no metric '" + name + "'; it records "
                    + String.join(", ", known) + ".");
        }
    }

    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stream a job's events", description = "Server-Sent Events: 'status' at every transition, "
            + "'metrics' and 'progress' at every epoch, from the start, and a comment line while there is nothing to "
            + "say (trainyard.events.keep-alive). Reconnect with Last-Event-ID to get only what you missed. The "
            + "stream ends when the job has ended and everything is sent, or early when the node shuts down or the "
            + "client has read nothing for trainyard.events.send-timeout; reconnect then. An owner may have "
            + "trainyard.events.max-streams-per-owner streams open on a node (429 beyond) and a node serves "
            + "trainyard.events.max-streams (503 beyond), both with Retry-After.")
    void events(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        TrainingJob job = jobs.find(principal.owner(), id);
        EventCursor from;
        try {
            from = EventCursor.parse(lastEventId);
        } catch (IllegalArgumentException malformed) {
            throw new ApiException(ProblemType.INVALID_REQUEST, malformed.getMessage() + ". Leave it out to start over.");
        }
        events.subscribe(principal.owner(), job, from, request, response);
    }
}

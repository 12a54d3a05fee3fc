package dev.trainyard.job;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.trainyard.security.ApiPrincipal;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A job's live events. */
@RestController
@RequestMapping("/api/v1/jobs/{id}")
@Tag(name = "Jobs")
class JobEventsController {

    private final JobService jobs;
    private final JobEvents events;

    JobEventsController(JobService jobs, JobEvents events) {
        this.jobs = jobs;
        this.events = events;
    }

    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stream a job's events", description = "Server-Sent Events: 'status' at every transition, "
            + "'metrics' and 'progress' at every epoch, 'diagnostic' when a diagnostics finding is first raised (as GET "
            + ".../diagnostics shows it), from the start, and a comment line while there is nothing to "
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

package dev.trainyard.sweep;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Hyperparameter sweeps: grid and random search over a job template. */
@RestController
@RequestMapping("/api/v1/sweeps")
@Tag(name = "Sweeps", description = "Grid and random search over a job template; each trial is an ordinary job")
class SweepController {

    private final SweepPlanner planner;
    private final SweepService sweeps;

    SweepController(SweepPlanner planner, SweepService sweeps) {
        this.planner = planner;
        this.sweeps = sweeps;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a sweep", description = "Checked exactly as the preview; then trials are queued as "
            + "ordinary jobs, never more than maxParallel queued or running at once across all nodes and never more "
            + "than maxTrials in all. 202 with a Location.")
    ResponseEntity<SweepResponse> create(@AuthenticationPrincipal ApiPrincipal principal, @RequestBody SweepRequest request,
            UriComponentsBuilder uri) {
        SweepResponse sweep = sweeps.create(principal.owner(), request);
        return ResponseEntity.accepted().location(uri.path("/api/v1/sweeps/{id}").build(sweep.id())).body(sweep);
    }

    @GetMapping
    @Operation(summary = "List your sweeps", description = "Newest first, without their trials tables.")
    List<SweepResponse> list(@AuthenticationPrincipal ApiPrincipal principal) {
        return sweeps.list(principal.owner());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a sweep", description = "Status, trial counts by status, the best trial (parameters and "
            + "objective) and the trials table: parameters, objective, status, duration; sort=objective puts the best "
            + "first.")
    SweepResponse get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @Parameter(description = "index (default) or objective") @RequestParam(defaultValue = "index") String sort) {
        if (!sort.equals("index") && !sort.equals("objective")) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "sort must be index or objective; was '" + sort + "'.",
                    List.of(new FieldProblem("sort", "unknown order")));
        }
        return sweeps.get(principal.owner(), id, sort);
    }

    /** How many trials to add. */
    record Extension(@Schema(example = "10") int trials) {
    }

    @PostMapping(path = "/{id}/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Extend a sweep", description = "Raises its trial limit by 'trials' and sets it running "
            + "again, also after it ended: a grid continues with its next combinations, a random search with its next "
            + "draws.")
    SweepResponse extend(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestBody Extension extension) {
        return sweeps.extend(principal.owner(), id, extension.trials());
    }

    @GetMapping(path = "/{id}/trials.csv", produces = "text/csv")
    @Operation(summary = "Export a sweep's trials as CSV", description = "One row per trial: index, job id, status, "
            + "one column per parameter, objective and the epoch it was reached at, final objective, epochs to the "
            + "target, duration.")
    ResponseEntity<String> csv(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"sweep-" + id + "-trials.csv\"")
                .body(sweeps.csv(principal.owner(), id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a sweep", description = "No more trials; queued trials are cancelled and running ones "
            + "stop at their next step, keeping their history. Cancelling an ended sweep changes nothing.")
    SweepResponse cancel(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return sweeps.cancel(principal.owner(), id);
    }

    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Preview a sweep", description = "Checks the sweep as POST /api/v1/sweeps would (the template, "
            + "every parameter, and every trial spec it generates, each as a submitted job) and shows the trial count "
            + "and the first trials, without running anything. A grid's size is the product of its parameters' "
            + "candidate counts; a range in a grid needs 'count'; a log range needs bounds > 0.")
    SweepPreview preview(@AuthenticationPrincipal ApiPrincipal principal, @RequestBody SweepRequest request) {
        return SweepPreview.of(planner.plan(principal.owner(), request).plan());
    }
}

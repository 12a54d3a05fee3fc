package dev.trainyard.sweep;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.trainyard.security.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Hyperparameter sweeps: grid and random search over a job template. */
@RestController
@RequestMapping("/api/v1/sweeps")
@Tag(name = "Sweeps", description = "Grid and random search over a job template; each trial is an ordinary job")
class SweepController {

    private final SweepPlanner planner;

    SweepController(SweepPlanner planner) {
        this.planner = planner;
    }

    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Preview a sweep", description = "Checks the sweep as POST /api/v1/sweeps would (the template, "
            + "every parameter, and every trial spec it generates, each as a submitted job) and shows the trial count "
            + "and the first trials, without running anything. A grid's size is the product of its parameters' "
            + "candidate counts; a range in a grid needs 'count'; a log range needs bounds > 0.")
    SweepPreview preview(@AuthenticationPrincipal ApiPrincipal principal, @RequestBody SweepRequest request) {
        return SweepPreview.of(planner.plan(principal.owner(), request));
    }
}

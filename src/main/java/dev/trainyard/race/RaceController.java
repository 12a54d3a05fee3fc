package dev.trainyard.race;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dev.trainyard.security.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Optimizer races: optimizers on the same seeds of one template, compared seed by seed. */
@RestController
@RequestMapping("/api/v1/races")
@Tag(name = "Races", description = "Optimizers compared fairly: each runs on the same seeds (same initial weights and "
        + "batch order per seed), and the report tests their per-seed differences; a race is a sweep, its trials jobs")
class RaceController {

    private final RaceService races;

    RaceController(RaceService races) {
        this.races = races;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a race", description = "Checks the template and every optimizer in it as a job, then "
            + "starts a grid sweep over training.optimizer x training.seed (kind race, same id). Limits: "
            + "trainyard.races.max-optimizers (8), max-seeds (20), max-trials (100), and the sweep limits. 202 with a "
            + "Location.")
    ResponseEntity<RaceResponse> create(@AuthenticationPrincipal ApiPrincipal principal, @RequestBody RaceRequest request,
            UriComponentsBuilder uri) {
        RaceResponse race = races.create(principal.owner(), request);
        return ResponseEntity.accepted().location(uri.path("/api/v1/races/{id}").build(race.id())).body(race);
    }

    @GetMapping
    @Operation(summary = "List your races", description = "Newest first, each with its optimizers but without "
            + "statistics or trials.")
    List<RaceResponse> list(@AuthenticationPrincipal ApiPrincipal principal) {
        return races.list(principal.owner());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a race's report", description = "Per optimizer: mean, standard deviation, min and max "
            + "over its seeds of the epochs to the target, the final val_loss and the final target metric; against the "
            + "baseline, the per-seed differences (optimizer minus baseline, same seed) with a paired t-test: t, its "
            + "two-sided p-value and the 95% confidence interval of the mean difference. Rebuilt from the trials' "
            + "metrics at each read, so a running race shows what has finished.")
    RaceResponse get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return races.get(principal.owner(), id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a race", description = "Cancels its sweep: no more trials, queued ones cancelled, "
            + "running ones stopped at their next step with their history kept. Cancelling an ended race changes "
            + "nothing.")
    RaceResponse cancel(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return races.cancel(principal.owner(), id);
    }
}

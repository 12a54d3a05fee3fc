package dev.trainyard.analysis;

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

/** Analyses of a trained job's loss surface, run asynchronously by the worker nodes. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Analyses", description = "The Hessian of a trained job's loss: minimum, saddle or flat, sharpness, density")
class AnalysisController {

    private final AnalysisService analyses;

    AnalysisController(AnalysisService analyses) {
        this.analyses = analyses;
    }

    @PostMapping(path = "/jobs/{id}/analyses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Analyse a succeeded job", description = "Queued (202 with a Location) and run by a worker "
            + "node; poll GET /api/v1/analyses/{id} for its progress and result. type hessian: Lanczos for the top and "
            + "bottom eigenvalues of the training loss's Hessian at the trained weights, Hutchinson for its trace, "
            + "stochastic Lanczos quadrature for its density, and the verdict minimum, saddle or flat. type landscape: "
            + "the loss along the top eigenvector and a random direction, both filter-normalized (Li et al. 2018), "
            + "and over their plane. Limits: trainyard.analyses.max-samples, max-eigenvalues, max-steps, "
            + "max-trace-samples, max-density-runs, max-parameters, max-landscape-points, max-landscape-grid; a job "
            + "that has not succeeded is a 409.")
    ResponseEntity<AnalysisResponse> submit(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestBody AnalysisRequest request, UriComponentsBuilder uri) {
        AnalysisResponse analysis = analyses.submit(principal.owner(), id, request);
        return ResponseEntity.accepted().location(uri.path("/api/v1/analyses/{id}").build(analysis.id())).body(analysis);
    }

    @GetMapping("/jobs/{id}/analyses")
    @Operation(summary = "List a job's analyses", description = "Newest first.")
    List<AnalysisResponse> ofJob(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return analyses.ofJob(principal.owner(), id);
    }

    @GetMapping("/analyses/{id}")
    @Operation(summary = "Show an analysis", description = "Its status, progress (0 to 1) and, once succeeded, result.")
    AnalysisResponse get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return analyses.get(principal.owner(), id);
    }

    @PostMapping("/analyses/{id}/cancel")
    @Operation(summary = "Cancel an analysis", description = "A queued one at once, a running one at its next step; "
            + "one that has ended is a 409.")
    AnalysisResponse cancel(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return analyses.cancel(principal.owner(), id);
    }
}

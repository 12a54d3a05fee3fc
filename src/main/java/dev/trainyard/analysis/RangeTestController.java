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

/** Learning-rate range tests of job templates, run asynchronously by the worker nodes like the other analyses. */
@RestController
@RequestMapping("/api/v1/lr-range-tests")
@Tag(name = "Analyses")
class RangeTestController {

    private final AnalysisService analyses;

    RangeTestController(AnalysisService analyses) {
        this.analyses = analyses;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run a learning-rate range test", description = "Queued (202 with a Location) and run by a "
            + "worker node. From the template's initial weights and batch order, one optimizer step per learning rate, "
            + "the rate growing exponentially from minLr to maxLr; the training loss of each step smoothed by a "
            + "bias-corrected moving average; a stop when the smoothed loss passes four times its lowest. The result "
            + "has the curve (learningRates, losses, smoothed), whether it diverged, the rate of the steepest fall, a "
            + "tenth of the rate at the lowest loss, the suggestion and its reasoning. A job may instead say "
            + "\"learningRate\": \"auto\" to run one first. Limits: trainyard.analyses.max-range-steps, max-range-lr; "
            + "the template is checked as POST /api/v1/jobs checks a spec, its problems named under template.")
    ResponseEntity<AnalysisResponse> submit(@AuthenticationPrincipal ApiPrincipal principal,
            @RequestBody RangeTestRequest request, UriComponentsBuilder uri) {
        AnalysisResponse test = analyses.submit(principal.owner(), request);
        return ResponseEntity.accepted().location(uri.path("/api/v1/lr-range-tests/{id}").build(test.id())).body(test);
    }

    @GetMapping
    @Operation(summary = "List your range tests", description = "Newest first, at most trainyard.analyses.listed.")
    List<AnalysisResponse> list(@AuthenticationPrincipal ApiPrincipal principal) {
        return analyses.rangeTests(principal.owner());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a range test", description = "Its status, progress (0 to 1) and, once succeeded, "
            + "the curve and the suggestion.")
    AnalysisResponse get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return analyses.get(principal.owner(), id, AnalysisService.RANGE_TEST);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a range test", description = "A queued one at once, a running one at its next step; "
            + "one that has ended is a 409.")
    AnalysisResponse cancel(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return analyses.cancel(principal.owner(), id, AnalysisService.RANGE_TEST);
    }
}

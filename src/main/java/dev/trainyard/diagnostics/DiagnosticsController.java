package dev.trainyard.diagnostics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.trainyard.engine.diagnose.Severity;
import dev.trainyard.security.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What went wrong in a job's training, why, and which change of the spec fixes it. */
@RestController
@RequestMapping("/api/v1/jobs/{id}")
@Tag(name = "Jobs")
class DiagnosticsController {

    private final DiagnosticsService diagnostics;

    DiagnosticsController(DiagnosticsService diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Schema(description = "A job's findings, most severe first, and how many there are by severity")
    record Diagnosis(String job, Map<String, Integer> counts, List<FindingView> findings) {
    }

    @GetMapping("/diagnostics")
    @Operation(summary = "Diagnose a job's training", description = "For a running or ended job: what its training "
            + "history shows went wrong (vanishing or exploding gradients, dead or saturated units, symmetric or "
            + "badly scaled initialization, a learning rate too large or too small, a stall, a plateau, overfitting, "
            + "underfitting, unscaled features, class imbalance), each finding with its layers, epochs, evidence "
            + "against its threshold, an explanation, and a JSON Merge Patch of the spec that addresses it (submit it "
            + "with POST /api/v1/jobs/{id}/retry-with). Computed from the stored history whichever node answers. "
            + "Thresholds: trainyard.diagnostics.thresholds.* on the server, training.diagnostics in a job's spec; "
            + "docs/concepts.md documents each rule.")
    Diagnosis diagnostics(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        List<FindingView> findings = diagnostics.diagnose(principal.owner(), id);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            counts.put(severity.label(), (int) findings.stream().filter(f -> f.severity().equals(severity.label()))
                    .count());
        }
        return new Diagnosis(id, counts, findings);
    }
}

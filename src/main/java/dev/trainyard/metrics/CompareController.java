package dev.trainyard.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.trainyard.security.ApiPrincipal;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Several jobs' histories of one metric, aligned by epoch. */
@RestController
@Validated
@RequestMapping("/api/v1/compare")
@Tag(name = "Jobs")
class CompareController {

    static final int MAX_JOBS = 20;

    private final OwnedJobs jobs;
    private final JobMetrics metrics;

    CompareController(OwnedJobs jobs, JobMetrics metrics) {
        this.jobs = jobs;
        this.metrics = metrics;
    }

    /** The epochs shown, and per job its value at each of them (null where it has none). */
    record Comparison(String metric, List<Integer> epochs, List<Series> series) {

        record Series(String jobId, String name, String status, List<Double> values) {
        }
    }

    @GetMapping
    @Operation(summary = "Compare jobs", description = "One metric of several jobs (comma-separated ids) aligned by "
            + "epoch; a job without a value at an epoch (it stopped earlier) has null there. With maxPoints, evenly "
            + "spaced epochs (the last included) stand for the whole run.")
    Comparison compare(@AuthenticationPrincipal ApiPrincipal principal,
            @Parameter(description = "job ids, comma-separated", example = "a,b,c") @RequestParam String jobs,
            @RequestParam(defaultValue = "val_loss") String metric,
            @RequestParam(required = false) @Min(2) @Max(10000) Integer maxPoints) {
        List<String> ids = Arrays.stream(jobs.split(",")).map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
        if (ids.isEmpty() || ids.size() > MAX_JOBS) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "jobs must list 1 to " + MAX_JOBS + " job ids, "
                    + "comma-separated; had " + ids.size() + ".", List.of(new FieldProblem("jobs", "1 to " + MAX_JOBS
                    + " ids")));
        }
        List<OwnedJobs.OwnedJob> owned = ids.stream().map(id -> this.jobs.find(principal.owner(), id)).toList();
        List<JobMetrics.Points> histories = owned.stream().map(job -> metrics.all(job.key(), metric)).toList();
        int last = histories.stream().mapToInt(h -> h.size() == 0 ? -1 : h.steps()[h.size() - 1]).max().orElse(-1);
        List<Integer> epochs = epochs(last, maxPoints);
        List<Comparison.Series> series = new ArrayList<>();
        for (int j = 0; j < owned.size(); j++) {
            JobMetrics.Points history = histories.get(j);
            List<Double> values = epochs.stream().map(epoch -> {
                int at = Arrays.binarySearch(history.steps(), epoch);
                return at >= 0 ? history.values()[at] : null;
            }).toList();
            OwnedJobs.OwnedJob job = owned.get(j);
            series.add(new Comparison.Series(job.id(), job.name(), job.status(), values));
        }
        return new Comparison(metric, epochs, series);
    }

    /** Epochs 0..last, or at most {@code maxPoints} of them evenly spaced with the last one kept. */
    static List<Integer> epochs(int last, Integer maxPoints) {
        List<Integer> epochs = new ArrayList<>();
        int count = last + 1;
        if (maxPoints == null || count <= maxPoints) {
            for (int epoch = 0; epoch < count; epoch++) {
                epochs.add(epoch);
            }
            return epochs;
        }
        for (int i = 0; i < maxPoints; i++) {
            epochs.add((int) Math.round((double) i * last / (maxPoints - 1)));
        }
        return epochs;
    }
}

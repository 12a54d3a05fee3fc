package dev.trainyard.analysis;

import io.swagger.v3.oas.annotations.media.Schema;

/** What to analyse on a succeeded job; every number left out takes its default, and each is checked against a limit. */
@Schema(description = "An analysis of a trained job's loss surface", example = """
        {"type": "hessian", "topK": 5, "bottomK": 5, "samples": 1000}""")
record AnalysisRequest(
        @Schema(description = "hessian: the eigenvalues, trace and density of the training loss's Hessian at the "
                + "trained weights, and whether the point is a minimum, a saddle or flat; landscape: the loss along the "
                + "top eigenvector and a random direction, both filter-normalized, and over their plane",
                example = "hessian")
        String type,
        @Schema(description = "largest eigenvalues to report (at most trainyard.analyses.max-eigenvalues)",
                defaultValue = "5") Integer topK,
        @Schema(description = "smallest eigenvalues to report (at most trainyard.analyses.max-eigenvalues)",
                defaultValue = "5") Integer bottomK,
        @Schema(description = "training rows the loss is taken over, a seeded draw (at most "
                + "trainyard.analyses.max-samples)", defaultValue = "1000") Integer samples,
        @Schema(description = "Lanczos steps (at most trainyard.analyses.max-steps, and the parameter count)",
                defaultValue = "60") Integer steps,
        @Schema(description = "Hutchinson probes for the trace (at most trainyard.analyses.max-trace-samples)",
                defaultValue = "100") Integer traceSamples,
        @Schema(description = "random starts for the eigenvalue density (at most trainyard.analyses.max-density-runs)",
                defaultValue = "3") Integer densityRuns,
        @Schema(description = "the seed of the sample and the random vectors", defaultValue = "1") Long seed,
        @Schema(description = "landscape: points of each 1-D curve (at most trainyard.analyses.max-landscape-points)",
                defaultValue = "41") Integer points,
        @Schema(description = "landscape: points of each side of the 2-D grid (at most "
                + "trainyard.analyses.max-landscape-grid)", defaultValue = "21") Integer grid,
        @Schema(description = "landscape: the steps run from -span to span along each filter-normalized direction",
                defaultValue = "1") Double span,
        @Schema(description = "analyse the model the job stored after this 0-based epoch (training.snapshots."
                + "modelEvery), of a job in any state, instead of its trained model") Integer epoch) {
}

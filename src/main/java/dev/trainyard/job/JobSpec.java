package dev.trainyard.job;

import java.util.List;
import java.util.Map;

import dev.trainyard.dataset.GenerateRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * A training job as users write it (docs/design.md section 3). Every field but the dataset id has a
 * default; {@link JobSpecMapper} checks all of it at once and turns it into the engine's specs, whose records declare
 * the defaults. No default is written here: {@link SpecDefaultsDocs} shows them in the OpenAPI schema from the mapper.
 */
record JobSpec(
        @Schema(example = "digits-adam") String name,
        DatasetPart dataset,
        ModelPart model,
        TrainingPart training,
        @Schema(description = "among your queued jobs, higher first (-100 to 100); a free worker slot goes first to "
                + "the owner with the fewest running jobs, then to that owner's job of highest priority, then the "
                + "oldest") Integer priority) {

    record DatasetPart(
            @Schema(example = "builtin:digits", description = "a built-in or one of your datasets; or leave it out "
                    + "and give 'generate'") String id,
            @Schema(description = "a synthetic dataset made (once) for the job, as POST /api/v1/datasets/generate "
                    + "takes it: {\"kind\": \"spirals\", \"samples\": 500, \"noise\": 0.1, \"seed\": 1}")
            GenerateRequest generate,
            Double validationSplit,
            Double testSplit,
            Boolean standardize,
            @Schema(description = "regression: train on the target standardized with the training split's mean and "
                    + "standard deviation; metrics, predictions and the model stay in the target's units. "
                    + "Classification ignores it") Boolean standardizeTarget,
            Long seed,
            @Schema(description = "what is done with empty numeric feature cells; an empty categorical cell is "
                    + "always one-hot encoded as all zeros") MissingPart missing) {
    }

    record MissingPart(
            @Schema(description = "error (refuse the job and name the columns), drop_rows (leave out rows with an "
                    + "empty feature cell, before the split) or impute (fill each from the training split)")
            String strategy,
            @Schema(description = "impute: mean, median or most_frequent of the feature's training values") String impute,
            @Schema(description = "impute: add one 0/1 input per feature with empty cells, after the features")
            Boolean indicator) {
    }

    record ModelPart(
            List<LayerPart> layers,
            @Schema(description = "auto, softmax, sigmoid or linear") String output,
            @Schema(description = "auto, softmax_cross_entropy, binary_cross_entropy or mean_squared_error") String loss) {
    }

    /**
     * One layer; which fields apply depends on {@code type} (dense, batch_norm, dropout or residual), and a field that
     * does not apply is refused. A network has at most trainyard.jobs.max-layers layers, counting residual blocks and
     * the layers inside them, and blocks nest at most trainyard.jobs.max-nesting deep.
     */
    record LayerPart(
            @Schema(description = "dense, batch_norm, dropout or residual") String type,
            @Schema(description = "dense: number of units") Integer units,
            @Schema(description = "dense: sigmoid, tanh, relu, leaky_relu or linear")
            String activation,
            @Schema(description = "dense with leaky_relu: slope for negative inputs") Double alpha,
            @Schema(description = "dense: he, xavier, zeros, normal, uniform or constant, or an object with the type "
                    + "and its one parameter: {\"type\": \"normal\", \"std\": 0.01}, {\"type\": \"uniform\", \"limit\": 0.05}, "
                    + "{\"type\": \"constant\", \"value\": 0}; by default he for relu-like activations, xavier "
                    + "otherwise") JsonNode init,
            @Schema(description = "dropout: the fraction of units dropped") Double rate,
            @Schema(description = "batch_norm: running-average momentum") Double momentum,
            @Schema(description = "batch_norm: added to the variance") Double epsilon,
            @Schema(description = "residual: the width-preserving layers inside the block") List<LayerPart> layers) {
    }

    record TrainingPart(
            Integer epochs,
            BatchPart batch,
            OptimizerPart optimizer,
            SchedulePart schedule,
            RegularizationPart regularization,
            EarlyStoppingPart earlyStopping,
            AugmentationPart augmentation,
            Double gradientClipNorm,
            Long seed,
            @Schema(description = "this job's diagnostics thresholds, by name, each replacing the server's "
                    + "(trainyard.diagnostics.thresholds.*): vanishingRatio, explodingRatio, gradientSpike, deadFraction, "
                    + "saturatedFraction, patience, symmetryTolerance, varianceCollapse, varianceBlowUp, "
                    + "largeUpdateRatio, smallUpdateRatio, lossRise, stallImprovement, plateauGradient, overfitRise, "
                    + "underfitLoss, featureScaleRatio, classImbalanceRatio; docs/concepts.md says what each means",
                    example = "{\"vanishingRatio\": 1e-4}") Map<String, Double> diagnostics,
            AnalysesPart analyses,
            SnapshotsPart snapshots) {
    }

    /** Analyses taken while the job trains. */
    record AnalysesPart(
            @Schema(description = "every this many epochs, the sharpness (the largest eigenvalue of the training "
                    + "loss's Hessian, 20 Lanczos steps over at most 512 training rows, about 40 gradients' work) is recorded as the "
                    + "metric sharpness, with edge_of_stability = 2 / the epoch's learning rate beside it; 0 or left "
                    + "out: never") Integer sharpnessEvery) {
    }

    /** What the job stores every N epochs while it trains, beyond its metrics. */
    record SnapshotsPart(
            @Schema(description = "two-feature classifiers: every this many epochs (and after the last), the class "
                    + "probabilities on a grid over the data, read with GET /api/v1/jobs/{id}/decision-boundary?epoch="
                    + "; 0 or left out: never") Integer decisionBoundaryEvery,
            @Schema(description = "every this many epochs, the model at that epoch, which an analysis may then take "
                    + "(POST /api/v1/jobs/{id}/analyses with epoch); 0 or left out: never") Integer modelEvery) {
    }

    record BatchPart(
            @Schema(description = "full, mini_batch or stochastic") String mode,
            Integer size) {
    }

    record OptimizerPart(
            @Schema(description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw")
            String type,
            LearningRatePart learningRate,
            @Schema(description = "momentum, nesterov, rmsprop") Double beta,
            Double beta1,
            Double beta2,
            Double epsilon,
            @Schema(description = "adamw") Double weightDecay) {
    }

    record SchedulePart(
            @Schema(description = "constant, step, exponential or cosine") String type,
            @Schema(description = "step") Integer everyEpochs,
            @Schema(description = "step") Double factor,
            @Schema(description = "exponential") Double gamma,
            @Schema(description = "cosine: final rate as a fraction of the first") Double minFactor,
            Integer warmupEpochs) {
    }

    record RegularizationPart(Double l1, Double l2, Double weightDecay, Boolean includeBiases) {
    }

    record EarlyStoppingPart(
            @Schema(description = "val_loss, val_accuracy, val_mae, val_rmse, val_r2, train_loss, train_accuracy, "
                    + "learning_rate or grad_norm, one the run reports (checked at submission): val_ metrics need a "
                    + "validation split, accuracy a classification, mae, rmse and r2 a regression") String monitor,
            Integer patience,
            Double minDelta,
            Boolean restoreBestWeights) {
    }

    record AugmentationPart(Double gaussianNoise, ImagePart image) {
    }

    record ImagePart(Integer shiftPixels, Boolean horizontalFlip, Double rotationDegrees, Double zoom) {
    }
}

package dev.trainyard.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.model.BoundaryGrid;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.job.JobSnapshots;
import dev.trainyard.job.RunRecords;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A two-feature classifier's class probabilities on a grid over its data (the playground view, {@link BoundaryGrid}):
 * of the trained model, or of one the job stored while it trained ({@code training.snapshots.decisionBoundaryEvery}).
 */
@Component
class DecisionBoundary {

    /** A grid with the features' names; {@code epoch} is the 0-based epoch of a stored one, null for the trained model. */
    record Grid(List<String> features, Integer epoch, List<String> classes, int resolution, double[] x, double[] y,
                double[][][] probabilities, BoundaryGrid.Points points) {
    }

    /** The epochs a job stored its decision boundary after. */
    record Epochs(List<Integer> epochs) {
    }

    private final Models models;
    private final RunRecords runs;
    private final DatasetService datasets;
    private final JobSnapshots snapshots;
    private final ModelProperties limits;
    private final JsonMapper json;

    DecisionBoundary(Models models, RunRecords runs, DatasetService datasets, JobSnapshots snapshots,
            ModelProperties limits, JsonMapper json) {
        this.models = models;
        this.runs = runs;
        this.datasets = datasets;
        this.snapshots = snapshots;
        this.limits = limits;
        this.json = json;
    }

    Grid of(String owner, String jobId, int resolution) {
        if (resolution < 2 || resolution > limits.maxBoundaryResolution()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "resolution must be from 2 to "
                    + limits.maxBoundaryResolution() + " (trainyard.models.max-boundary-resolution), was " + resolution
                    + ".", List.of(new FieldProblem("resolution", "from 2 to " + limits.maxBoundaryResolution())));
        }
        LoadedModel loaded = models.load(owner, jobId);
        TrainedModel model = loaded.model();
        FeatureEncoding encoding = loaded.encoding();
        boolean twoNumeric = encoding == null
                || encoding.features().stream().noneMatch(FeatureEncoding.Feature::categorical);
        if (!BoundaryGrid.drawable(model) || !twoNumeric) {
            throw ApiException.conflict("A decision boundary is drawn for a classifier over two numeric features, as "
                    + "the generated xor, circles, moons, spirals and blobs datasets have; job " + jobId + " is a "
                    + model.task().name().toLowerCase() + " over " + model.rawFeatures() + " features.");
        }
        RunRecords.Run run = runs.find(owner, jobId);
        BoundaryGrid grid = BoundaryGrid.of(model, training(owner, run), resolution);
        List<String> features = encoding == null ? List.of("input0", "input1")
                : encoding.features().stream().map(FeatureEncoding.Feature::name).toList();
        return new Grid(features, null, grid.classes(), resolution, grid.x(), grid.y(), grid.probabilities(),
                grid.points());
    }

    /** The grid the job stored after {@code epoch}; a 404 naming the epochs it has when it stored none then. */
    Grid at(String owner, String jobId, int epoch) {
        RunRecords.Run run = runs.find(owner, jobId);
        String body = snapshots.body(run.key(), JobSnapshots.DECISION_BOUNDARY, epoch).orElseThrow(() -> {
            List<Integer> epochs = snapshots.epochs(run.key(), JobSnapshots.DECISION_BOUNDARY);
            return new ApiException(ProblemType.NOT_FOUND, "Job " + jobId + " stored no decision boundary after epoch "
                    + epoch + (epochs.isEmpty() ? "; it stores them when its spec sets "
                    + "training.snapshots.decisionBoundaryEvery." : "; it has them after epochs " + epochs + "."));
        });
        return json.readValue(body, Grid.class);
    }

    Epochs epochs(String owner, String jobId) {
        return new Epochs(snapshots.epochs(runs.find(owner, jobId).key(), JobSnapshots.DECISION_BOUNDARY));
    }

    private Split training(String owner, RunRecords.Run run) {
        try {
            return Preparation.prepare(datasets.load(owner, run.datasetId()), run.split()).train();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.trainyard.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.job.RunRecords;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;

/**
 * A two-feature classifier's class probabilities on a grid over its data (the playground view): the range of each
 * feature in the job's training split, widened by a tenth on each side, cut into {@code resolution} steps, and the
 * training rows themselves, in the features' own units.
 */
@Component
class DecisionBoundary {

    /**
     * probabilities[i][j] are the probabilities of the classes, in their order, at (x[i], y[j]); points are the
     * training rows.
     */
    record Grid(List<String> features, List<String> classes, int resolution, double[] x, double[] y,
                double[][][] probabilities, Points points) {
    }

    record Points(double[] x, double[] y, List<String> label) {
    }

    private final Models models;
    private final RunRecords runs;
    private final DatasetService datasets;
    private final ModelProperties limits;

    DecisionBoundary(Models models, RunRecords runs, DatasetService datasets, ModelProperties limits) {
        this.models = models;
        this.runs = runs;
        this.datasets = datasets;
        this.limits = limits;
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
        boolean twoNumeric = model.rawFeatures() == 2 && (encoding == null
                || encoding.features().stream().noneMatch(FeatureEncoding.Feature::categorical));
        if (model.classNames() == null || model.classNames().isEmpty() || !twoNumeric) {
            throw ApiException.conflict("A decision boundary is drawn for a classifier over two numeric features, as "
                    + "the generated xor, circles, moons, spirals and blobs datasets have; job " + jobId + " is a "
                    + model.task().name().toLowerCase() + " over " + model.rawFeatures() + " features.");
        }
        RunRecords.Run run = runs.find(owner, jobId);
        LabeledData rows;
        try {
            rows = datasets.load(owner, run.datasetId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PreparedData data = Preparation.prepare(rows, run.split());
        Split train = data.train();
        double[] mean = model.normalizer().mean();
        double[] scale = model.normalizer().scale();
        double[] px = new double[train.rows()];
        double[] py = new double[train.rows()];
        List<String> labels = new ArrayList<>(train.rows());
        for (int r = 0; r < train.rows(); r++) {
            px[r] = train.features()[r * train.featureCount()] * scale[0] + mean[0];
            py[r] = train.features()[r * train.featureCount() + 1] * scale[1] + mean[1];
            labels.add(model.classNames().get(train.labels()[r]));
        }
        double[] x = axis(px, resolution);
        double[] y = axis(py, resolution);
        double[][] cells = new double[resolution * resolution][];
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                cells[i * resolution + j] = new double[] {x[i], y[j]};
            }
        }
        double[][] predicted = loaded.predict(cells).outputs();
        double[][][] probabilities = new double[resolution][resolution][];
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                double[] out = predicted[i * resolution + j];
                probabilities[i][j] = out.length == 1 ? new double[] {1 - out[0], out[0]} : out; // a sigmoid's one
            }
        }
        List<String> features = encoding == null ? List.of("input0", "input1")
                : encoding.features().stream().map(FeatureEncoding.Feature::name).toList();
        return new Grid(features, model.classNames(), resolution, x, y, probabilities, new Points(px, py, labels));
    }

    /** resolution evenly spaced values over the points' range widened by a tenth of it on each side. */
    private static double[] axis(double[] values, int resolution) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        double margin = Math.max(high - low, 1e-9) * 0.1;
        low -= margin;
        high += margin;
        double[] axis = new double[resolution];
        for (int k = 0; k < resolution; k++) {
            axis[k] = low + (high - low) * k / (resolution - 1);
        }
        return axis;
    }
}

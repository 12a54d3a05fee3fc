package dev.trainyard.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.engine.data.Imputer;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.job.TrainedModels;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * What a user needs to use a trained model anywhere: its raw features in order with their encoding and
 * standardization, the classes, the architecture, the test metrics, where it came from, and the model document
 * itself (the weights).
 */
@Schema(description = "A trained model and how to use it. Raw rows become inputs feature by feature, in order: a "
        + "numeric feature is one input, a categorical one is one input per category (1 for the row's category, 0 "
        + "otherwise; all 0 for an empty cell). Each input is then standardized, (x - mean) / scale, and the network "
        + "in 'document' maps the inputs to class probabilities or a value.")
record ModelCard(
        @Schema(example = "trainyard-model") String format,
        @Schema(description = "the job that trained it") String job,
        String name,
        Instant trainedAt,
        @Schema(description = "the Trainyard version that serves this card") String trainyardVersion,
        @Schema(description = "the dataset it trained on and the SHA-256 of its CSV text") Source dataset,
        @Schema(description = "SHA-256 of the job's spec in canonical form") String specHash,
        @Schema(description = "classification or regression") String task,
        @Schema(description = "the target column") String target,
        @Schema(description = "the raw columns a row must have, in order") List<Feature> features,
        @Schema(description = "the class names, in the order of the outputs (classification)") List<String> classes,
        @Schema(description = "regression trained on a standardized target: the network's output y' is in "
                + "standardized units and the value is y' * scale + mean") Scale targetScale,
        @Schema(description = "hidden layers in order, the output activation and the loss") JsonNode architecture,
        @Schema(description = "the test split's evaluation, when the job had one") JsonNode test,
        @Schema(description = "The engine's model document (format trainyard-model, version 1): task, loss, inputs, "
                + "outputs, classNames, model (layers, output, loss), normalizer (mean and scale per input), "
                + "parameters and state. 'parameters' is the flat weight vector, layer by layer in the order of "
                + "model.layers (a residual block's layers in their order) and then the output layer: a dense layer "
                + "holds its weights (inputs x units, row-major: the weights of input 0 to every unit first) and then "
                + "its biases; a batch-norm layer its scale (gamma) and then its shift (beta); dropout holds none. "
                + "'state' holds each batch-norm layer's running mean and then its running variance, in layer order.")
        JsonNode document) {

    record Source(String id, String checksum) {
    }

    record Scale(double mean, double scale) {
    }

    /**
     * One raw column: its inputs after encoding, each with the standardization applied to it. A model trained with
     * dataset.missing impute fills an empty numeric cell with {@code fill}; when it also keeps a missing-value
     * indicator for the column, that input (1 when the cell was empty) comes after all the features' own inputs and
     * is listed last here, named {@code column?missing}. The ONNX form of the model takes the inputs without these
     * indicators, NaN for an empty numeric cell, and fills it and sets the indicators itself.
     */
    record Feature(String name, @Schema(description = "numeric or categorical") String type,
                   @Schema(description = "a categorical column's categories, in the order of its inputs")
                   List<String> categories,
                   @Schema(description = "the value an empty cell is filled with (models trained with imputation; "
                           + "the ONNX form takes NaN for the cell and fills it itself)")
                   Double fill, List<Input> inputs) {
    }

    record Input(String name, double mean, double scale) {
    }

    static ModelCard of(TrainedModels.Stored stored, LoadedModel loaded, JsonNode document, JsonNode test,
            String version) {
        TrainedModel model = loaded.model();
        FeatureEncoding encoding = loaded.encoding();
        return new ModelCard("trainyard-model", stored.jobId(), stored.name(), stored.finishedAt(), version,
                new Source(stored.datasetId(), encoding == null ? null : encoding.checksum()), stored.specHash(),
                model.task().name().toLowerCase(java.util.Locale.ROOT), encoding == null ? null : encoding.target(),
                features(encoding, model), model.classNames().isEmpty() ? null : model.classNames(),
                model.target() == null ? null : new Scale(model.target().mean()[0], model.target().scale()[0]),
                document.path("model"), test, document);
    }

    private static List<Feature> features(FeatureEncoding encoding, TrainedModel model) {
        double[] mean = model.normalizer().mean();
        double[] scale = model.normalizer().scale();
        Imputer imputer = model.imputer();
        List<Feature> features = new ArrayList<>();
        int at = 0;
        int indicator = model.rawFeatures();
        List<FeatureEncoding.Feature> columns = encoding != null ? encoding.features()
                : java.util.stream.IntStream.range(0, model.rawFeatures())
                        .mapToObj(i -> new FeatureEncoding.Feature("input" + i, null)).toList();
        for (FeatureEncoding.Feature feature : columns) {
            List<Input> encoded = new ArrayList<>();
            Double fill = imputer == null || feature.categorical() ? null : imputer.fill()[at];
            boolean indicated = imputer != null && !feature.categorical() && imputer.indicated()[at];
            for (int k = 0; k < feature.width(); k++, at++) {
                encoded.add(new Input(feature.categorical() ? feature.name() + "=" + feature.categories().get(k)
                        : feature.name(), mean[at], scale[at]));
            }
            if (indicated) {
                encoded.add(new Input(feature.name() + "?missing", mean[indicator], scale[indicator]));
                indicator++;
            }
            features.add(new Feature(feature.name(), feature.categorical() ? "categorical" : "numeric",
                    feature.categories(), fill, encoded));
        }
        return features;
    }
}

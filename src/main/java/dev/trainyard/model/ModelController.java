package dev.trainyard.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.job.TrainedModels;
import dev.trainyard.security.ApiPrincipal;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.Problems;
import dev.trainyard.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Trained models: their cards, and predictions with them. */
@RestController
@Validated
@RequestMapping("/api/v1")
@Tag(name = "Models", description = "Use a succeeded job's model: its card, predictions on raw rows")
class ModelController {

    static final String CSV = "text/csv";
    static final String ONNX = "application/onnx";

    private final Models models;
    private final TrainedModels stored;
    private final Predictions predictions;
    private final DecisionBoundary boundaries;
    private final JsonMapper json;
    private final String version;

    ModelController(Models models, TrainedModels stored, Predictions predictions, DecisionBoundary boundaries,
            JsonMapper json, ObjectProvider<BuildProperties> build) {
        this.models = models;
        this.boundaries = boundaries;
        this.stored = stored;
        this.predictions = predictions;
        this.json = json;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
    }

    @GetMapping(value = "/jobs/{id}/model", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Download a trained model with its card", description = "A succeeded job's model: its raw "
            + "features in order (with categories and standardization), classes, architecture, test metrics, dataset "
            + "checksum, spec hash and the weights. With format=onnx, or Accept: application/onnx, a standard ONNX "
            + "model (opset 17) instead: input 'features' float[N, inputs] (the encoded inputs in the card's order, "
            + "before standardization, which the graph applies; for a model trained with dataset.missing impute, "
            + "without the '?missing' indicator inputs and with NaN for an empty numeric cell: the graph fills it "
            + "and sets the indicators), output 'output' float[N, outputs] (class probabilities, or the value). A "
            + "job that has not succeeded is a 409 that says its status.")
    ResponseEntity<ModelCard> model(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @Parameter(description = "json (the card) or onnx") @RequestParam(defaultValue = "json") String format) {
        if (!format.equals("json")) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "format must be json or onnx, was '"
                    + Problems.shown(format) + "'.");
        }
        TrainedModels.Stored model = stored.find(principal.owner(), id);
        LoadedModel loaded = models.load(model);
        String document = stored.document(model.key()).orElseThrow(() -> ApiException.notFound("job", id)).model();
        JsonNode test = model.testMetrics() == null ? null : json.readTree(model.testMetrics());
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"model-" + id
                + ".json\"").body(ModelCard.of(model, loaded, json.readTree(document), test, version));
    }

    @GetMapping(value = "/jobs/{id}/model", produces = ONNX, params = "format=onnx")
    @Operation(summary = "Download a trained model as ONNX", description = "See the JSON form of this operation.")
    ResponseEntity<byte[]> onnx(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return onnxOf(principal, id);
    }

    @GetMapping(value = "/jobs/{id}/model", produces = ONNX, headers = "Accept=" + ONNX)
    ResponseEntity<byte[]> onnxByAccept(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return onnxOf(principal, id);
    }

    private ResponseEntity<byte[]> onnxOf(ApiPrincipal principal, String id) {
        TrainedModels.Stored model = stored.find(principal.owner(), id);
        TrainedModel trained = models.load(model).model();
        String name = model.name() == null ? "trainyard-" + id : model.name();
        byte[] onnx = OnnxExport.export(trained, name);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ONNX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"model-" + id + ".onnx\"").body(onnx);
    }

    /** A model in the owner's list. */
    record Listed(String job, String name, String dataset, Instant trainedAt, String metric, Double value) {
    }

    @GetMapping(value = "/jobs/{id}/decision-boundary", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Draw a classifier's decision boundary", description = "For a succeeded classifier over two "
            + "numeric features (the generated xor, circles, moons, spirals and blobs): its class probabilities on a "
            + "resolution × resolution grid over the training split's range widened by a tenth, and the training rows, "
            + "in the features' own units. probabilities[i][j] are at (x[i], y[j]). At most "
            + "trainyard.models.max-boundary-resolution per side; any other model is a 409. With epoch: the grid the "
            + "job stored after that (0-based) epoch while it trained (training.snapshots.decisionBoundaryEvery, "
            + "40 × 40), of a job in any state; the epochs it has: GET .../decision-boundaries.")
    DecisionBoundary.Grid decisionBoundary(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "100") int resolution,
            @Parameter(description = "a stored grid's 0-based epoch") @RequestParam(required = false) Integer epoch) {
        return epoch == null ? boundaries.of(principal.owner(), id, resolution)
                : boundaries.at(principal.owner(), id, epoch);
    }

    @GetMapping(value = "/jobs/{id}/decision-boundaries", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the decision boundaries a job stored", description = "The 0-based epochs it stored "
            + "one after (training.snapshots.decisionBoundaryEvery), in order; each is read with "
            + "GET .../decision-boundary?epoch=.")
    DecisionBoundary.Epochs decisionBoundaries(@AuthenticationPrincipal ApiPrincipal principal,
            @PathVariable String id) {
        return boundaries.epochs(principal.owner(), id);
    }

    @GetMapping(value = "/models", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List your models", description = "Succeeded jobs' models, newest first, each with its "
            + "headline test metric (accuracy for classification, RMSE for regression). Filter by dataset and name.")
    List<Listed> list(@AuthenticationPrincipal ApiPrincipal principal,
            @Parameter(description = "only models trained on this dataset") @RequestParam(required = false) String dataset,
            @Parameter(description = "only models of jobs with this name") @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return stored.list(principal.owner(), dataset, name, limit).stream().map(model -> {
            JsonNode metrics = model.testMetrics() == null ? null : json.readTree(model.testMetrics()).path("metrics");
            String metric = metrics == null ? null : metrics.has("accuracy") ? "accuracy" : metrics.has("rmse")
                    ? "rmse" : null;
            return new Listed(model.jobId(), model.name(), model.datasetId(), model.finishedAt(), metric,
                    metric == null ? null : metrics.path(metric).asDouble());
        }).toList();
    }

    @PostMapping(value = "/jobs/{id}/predictions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Predict on rows", description = "Send {\"rows\": [{column: value, ...}, ...]} keyed by the "
            + "dataset's raw column names (a categorical column by its category), or {\"instances\": [[...], ...]} in "
            + "column order (as the model card lists them). Classification answers each row's class, its index and "
            + "every class probability (the 'top' most likely only, when asked); regression the value. Each bad value "
            + "is a 400 problem naming its row and column. A CSV file with a header row can be sent instead, as "
            + "text/csv or as the 'file' part of multipart/form-data; Accept: text/csv answers with its columns plus the "
            + "prediction's. A job that has not succeeded is a 409.")
    Map<String, Object> predict(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestBody JsonNode body,
            @Parameter(description = "classification: only the k most likely classes, most likely first")
            @RequestParam(required = false) Integer top) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("job", id);
        answer.put("predictions", predictions.json(principal.owner(), id, body, top));
        return answer;
    }

    @PostMapping(value = "/jobs/{id}/predictions", consumes = CSV)
    @Operation(summary = "Predict on a CSV file", description = "As above, for a CSV body with a header row; "
            + "streamed in and out, so its size is bounded by trainyard.models.max-rows, not by memory.")
    void predictCsv(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestParam(required = false) Integer top,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        answerCsv(principal, id, top, accept, request.getInputStream(), response);
    }

    @PostMapping(value = "/jobs/{id}/predictions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Predict on an uploaded CSV file", description = "As above, the CSV as the 'file' part.")
    void predictUpload(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestPart("file") MultipartFile file, @RequestParam(required = false) Integer top,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        try (InputStream in = file.getInputStream()) {
            answerCsv(principal, id, top, accept, in, response);
        }
    }

    private void answerCsv(ApiPrincipal principal, String id, Integer top, String accept, InputStream in,
            HttpServletResponse response) throws IOException {
        boolean csv = accept != null && MediaType.parseMediaTypes(accept).stream().anyMatch(type ->
                type.getType().equals("text") && type.getSubtype().equals("csv"));
        // The answer goes to a file first: a bad row late in the file is still a clean 400, before any byte is sent.
        Path answer = Files.createTempFile("trainyard-predictions", csv ? ".csv" : ".json");
        try {
            try (OutputStream out = Files.newOutputStream(answer)) {
                predictions.csv(principal.owner(), id, in, csv, top, out);
            }
            response.setContentType(csv ? CSV + ";charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
            if (csv) {
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"predictions-" + id
                        + ".csv\"");
            }
            response.setContentLengthLong(Files.size(answer));
            Files.copy(answer, response.getOutputStream());
        } finally {
            Files.deleteIfExists(answer);
        }
    }
}

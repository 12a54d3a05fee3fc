package dev.trainyard.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

import dev.trainyard.engine.spec.Task;
import dev.trainyard.security.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Built-in and uploaded datasets. */
@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "Built-in datasets, and CSV uploads checked and stored for training")
class DatasetController {

    /** The lengths of the dataset table's name and categorical_columns columns. */
    private static final int MAX_NAME_CHARS = 200;
    private static final int MAX_CATEGORICAL_CHARS = 4000;

    private final DatasetService datasets;

    DatasetController(DatasetService datasets) {
        this.datasets = datasets;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a CSV", description = "Plain or gzip-compressed UTF-8 CSV with a header row; the "
            + "target is the named column or the last one. Limits: trainyard.datasets.max-bytes, max-rows, max-columns, "
            + "max-field-chars, max-categories, max-categories-total; at most max-concurrent-uploads at once per node "
            + "(beyond: 503 with Retry-After).")
    ResponseEntity<DatasetResponse> upload(@AuthenticationPrincipal ApiPrincipal principal,
            @RequestParam("file") MultipartFile file,
            @Parameter(description = "a name to recognise the dataset by; defaults to the file name")
            @RequestParam(required = false) String name,
            @Parameter(description = "the target column; defaults to the last column")
            @RequestParam(required = false) String target,
            @Parameter(description = "classification or regression; inferred from the target when omitted")
            @RequestParam(required = false) String task,
            @Parameter(description = "HEIGHTxWIDTH or HEIGHTxWIDTHxCHANNELS when each row is an image, e.g. 8x8")
            @RequestParam(required = false) String imageShape,
            @Parameter(description = "comma-separated feature columns holding categories; one-hot encoded for training")
            @RequestParam(required = false) String categorical,
            UriComponentsBuilder uri) throws IOException {
        String label = label(name, file.getOriginalFilename());
        Path spooled = Files.createTempFile("trainyard-upload", ".csv");
        try {
            file.transferTo(spooled);
            DatasetResponse created = datasets.upload(principal.owner(),
                    new DatasetService.Upload(label, target, task(task), image(imageShape), columns(categorical)), spooled);
            return ResponseEntity.created(uri.path("/api/v1/datasets/{id}").build(created.id())).body(created);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    @PostMapping(path = "/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Generate a synthetic dataset", description = "Seeded: the same request always gives the same "
            + "rows, and asking again returns the dataset already stored (200) instead of a new one (201).")
    ResponseEntity<DatasetResponse> generate(@AuthenticationPrincipal ApiPrincipal principal,
            @Valid @RequestBody GenerateRequest request, UriComponentsBuilder uri) throws IOException {
        DatasetService.Stored stored = datasets.generate(principal.owner(), request);
        if (!stored.created()) {
            return ResponseEntity.ok(stored.response());
        }
        return ResponseEntity.created(uri.path("/api/v1/datasets/{id}").build(stored.response().id()))
                .body(stored.response());
    }

    @GetMapping
    @Operation(summary = "List datasets", description = "The built-in ones, then yours, oldest first.")
    List<DatasetResponse> list(@AuthenticationPrincipal ApiPrincipal principal) {
        return datasets.list(principal.owner());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a dataset with its schema and statistics")
    DatasetResponse get(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        return datasets.get(principal.owner(), id);
    }

    @GetMapping("/{id}/sample")
    @Operation(summary = "Look at a dataset's rows", description = "At most 'rows' rows spread evenly over the dataset "
            + "(the first and the last included), as training reads them: the numeric features, a categorical column "
            + "one-hot (a 0/1 column per category, named column=category), then the target.")
    DatasetService.Sample sample(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id,
            @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int rows) throws IOException {
        return datasets.sample(principal.owner(), id, rows);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete one of your datasets")
    ResponseEntity<Void> delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
        datasets.delete(principal.owner(), id);
        return ResponseEntity.noContent().build();
    }

    /** The name, or the file's name cut to fit the name column. */
    private static String label(String name, String fileName) {
        if (name != null && !name.isBlank()) {
            if (name.strip().length() > MAX_NAME_CHARS) {
                throw new DatasetException("name is longer than " + MAX_NAME_CHARS + " characters. Choose a shorter one.");
            }
            return name.strip();
        }
        String label = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        return label.length() > MAX_NAME_CHARS ? label.substring(0, MAX_NAME_CHARS) : label;
    }

    private static Task task(String task) {
        if (task == null || task.isBlank()) {
            return null;
        }
        try {
            return Task.valueOf(task.strip().toUpperCase());
        } catch (IllegalArgumentException unknown) {
            throw new DatasetException("task must be classification or regression, was '" + task + "'.");
        }
    }

    private static Set<String> columns(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        if (list.length() > MAX_CATEGORICAL_CHARS) {
            throw new DatasetException("categorical is longer than " + MAX_CATEGORICAL_CHARS + " characters. List "
                    + "fewer columns, or give them shorter names.");
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static int[] image(String shape) {
        if (shape == null || shape.isBlank()) {
            return null;
        }
        String[] parts = shape.strip().toLowerCase().split("x");
        try {
            if (parts.length == 2 || parts.length == 3) {
                int[] dims = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        parts.length == 3 ? Integer.parseInt(parts[2]) : 1};
                if (dims[0] > 0 && dims[1] > 0 && dims[2] > 0) {
                    return dims;
                }
            }
        } catch (NumberFormatException notANumber) {
            // explained below
        }
        throw new DatasetException("imageShape must look like 8x8 or 28x28x1 (positive whole numbers), was '" + shape
                + "'.");
    }
}

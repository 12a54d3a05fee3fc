package dev.trainyard.job;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.trainyard.security.TestKeys;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.JsonNode;

/** Submitting and reading jobs through the API, on H2 ({@link JobH2IT}) and PostgreSQL ({@link JobPostgresIT}). */
abstract class JobScenarios extends ApiScenarios {

    static final String DIGITS = """
            {"name": "digits-adam", "dataset": {"id": "builtin:digits"},
             "model": {"layers": [{"type": "dense", "units": 64, "activation": "relu"}]},
             "training": {"epochs": 30, "optimizer": {"type": "adam", "learningRate": 0.001}}}
            """;

    @BeforeEach
    void connect() {
        connectAs("jobs");
    }

    /** One stored hyperparameter of a job, from its number or its text column. */
    private Object param(String jobId, String name, String column) {
        return jdbc.queryForObject("select p." + column + " from job_param p join job j on j.id = p.job_id "
                + "where j.public_id = ? and p.name = ?", Object.class, UUID.fromString(jobId), name);
    }

    private Reply submit(String spec, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "X-API-Key";
        all[1] = key;
        all[2] = "Content-Type";
        all[3] = "application/json";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return api.send("POST", "/api/v1/jobs", spec, all);
    }

    @Test
    void aJobIsQueuedWithItsSpecHashAndQueryableParameters() {
        Reply accepted = submit(DIGITS);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().path("id").asString();
        assertThat(accepted.header("Location")).endsWith("/api/v1/jobs/" + id);
        assertThat(accepted.json().path("status").asString()).isEqualTo("queued");
        assertThat(accepted.json().path("specHash").asString()).matches("[0-9a-f]{64}");

        JsonNode shown = api.get("/api/v1/jobs/" + id, "X-API-Key", key).json();
        assertThat(shown.path("spec").path("training").path("optimizer").path("learningRate").asDouble()).isEqualTo(0.001);
        assertThat(shown.path("spec").path("training").has("batch")).as("as sent").isFalse();
        assertThat(shown.path("effectiveSpec").path("training").path("batch").path("size").asInt())
                .as("every default filled in").isEqualTo(32);
        assertThat(shown.path("effectiveSpec").path("training").path("optimizer").path("learningRate").asDouble())
                .isEqualTo(0.001);
        assertThat(api.get("/api/v1/jobs?status=queued", "X-API-Key", key).json().findValuesAsString("id")).contains(id);

        assertThat(param(id, "training.optimizer.learningRate", "num_value")).isEqualTo(0.001);
        assertThat(param(id, "model.layers[0].activation", "text_value")).isEqualTo("relu");
        // defaults the spec did not send are parameters too
        assertThat(param(id, "training.batch.size", "num_value")).isEqualTo(32.0);
        assertThat(param(id, "model.layers[0].init.type", "text_value")).isEqualTo("he");

        String stranger = TestKeys.user(context, "stranger-" + UUID.randomUUID().toString().substring(0, 8));
        assertProblem(api.get("/api/v1/jobs/" + id, "X-API-Key", stranger), 404, "not-found");
    }

    @Test
    void theSameSpecInAnotherOrderHasTheSameHash() {
        String reordered = """
                {"training": {"optimizer": {"learningRate": 0.001, "type": "adam"}, "epochs": 30},
                 "model": {"layers": [{"activation": "relu", "units": 64, "type": "dense"}]},
                 "dataset": {"id": "builtin:digits"}, "name": "digits-adam"}
                """;
        assertThat(submit(reordered).json().path("specHash").asString())
                .isEqualTo(submit(DIGITS).json().path("specHash").asString());
    }

    @Test
    void anIdempotencyKeyMakesRetriesSafe() {
        String first = submit(DIGITS, "Idempotency-Key", "retry-1").json().path("id").asString();
        Reply retry = submit(DIGITS, "Idempotency-Key", "retry-1");
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().path("id").asString()).isEqualTo(first);
        JsonNode problem = assertProblem(submit(DIGITS.replace("0.001", "0.01"), "Idempotency-Key", "retry-1"), 422,
                "idempotency-key-reused");
        assertThat(problem.path("detail").asString()).contains(first, "new key");
        assertProblem(submit(DIGITS, "Idempotency-Key", "k".repeat(201)), 400, "invalid-request");
    }

    @Test
    void everyInvalidFieldIsListedInOneProblem() {
        String bad = """
                {"dataset": {"id": "builtin:digits"},
                 "model": {"layers": [{"type": "dense", "units": -4}, {"type": "dropout", "rate": 2}]},
                 "training": {"optimizer": {"type": "adam", "learningRate": 0}}}
                """;
        JsonNode problem = assertProblem(submit(bad), 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactly("model.layers[0]", "model.layers[1]", "training.optimizer");
    }

    @Test
    void theDatasetAndTheLimitsAreChecked() {
        JsonNode unknown = assertProblem(submit(DIGITS.replace("builtin:digits", "builtin:mnist")), 400, "validation-failed");
        assertThat(unknown.path("errors").get(0).path("field").asString()).isEqualTo("dataset.id");
        String misfit = """
                {"dataset": {"id": "builtin:iris"},
                 "model": {"layers": [{"type": "residual", "layers": [{"type": "dense", "units": 8}]}]}}
                """;
        assertThat(assertProblem(submit(misfit), 400, "validation-failed").path("detail").asString())
                .contains("residual block must keep its width");
        String huge = DIGITS.replace("\"units\": 64", "\"units\": 100000");
        assertThat(assertProblem(submit(huge), 400, "validation-failed").path("detail").asString())
                .contains("parameters", "trainyard.jobs.max-parameters");
        assertProblem(submit(DIGITS.replace("\"name\"", "\"nmae\"")), 400, "malformed-body");
    }

    @Test
    void jobsAreFilteredByStatusNameAndHyperparametersAndPagedByKeyset() {
        String slow = submit(DIGITS.replace("0.001", "0.0005")).json().path("id").asString();
        String fast = submit(DIGITS.replace("0.001", "0.05")).json().path("id").asString();
        String named = submit(DIGITS.replace("digits-adam", "special")).json().path("id").asString();

        assertThat(ids(api.get("/api/v1/jobs?param.training.optimizer.learningRate=0.05", "X-API-Key", key).json())).containsExactly(fast);
        assertThat(ids(api.get("/api/v1/jobs?param.model.layers[0].activation=relu&name=special", "X-API-Key", key).json())).containsExactly(named);
        assertThat(api.get("/api/v1/jobs?status=running", "X-API-Key", key).json()).isEmpty();

        Reply first = api.get("/api/v1/jobs?size=2", "X-API-Key", key);
        assertThat(ids(first.json())).containsExactly(named, fast);
        assertThat(first.header("X-Next-After")).isEqualTo(fast);
        Reply second = api.get("/api/v1/jobs?size=2&after=" + fast, "X-API-Key", key);
        assertThat(ids(second.json())).containsExactly(slow);
        assertThat(second.header("X-Next-After")).isNull();
        Reply oldest = api.get("/api/v1/jobs?sort=oldest&size=2", "X-API-Key", key);
        assertThat(ids(oldest.json())).containsExactly(slow, fast);
        assertThat(ids(api.get("/api/v1/jobs?sort=oldest&after=" + fast, "X-API-Key", key).json())).containsExactly(named);
        assertProblem(api.get("/api/v1/jobs?status=sleeping", "X-API-Key", key), 400, "invalid-request");
        assertProblem(api.get("/api/v1/jobs?sort=sideways", "X-API-Key", key), 400, "invalid-request");
    }

    private static List<String> ids(JsonNode jobs) {
        List<String> ids = new ArrayList<>();
        jobs.forEach(job -> ids.add(job.path("id").asString()));
        return ids;
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndOnlyEndedJobsAreDeleted() {
        String id = submit(DIGITS).json().path("id").asString();
        assertProblem(api.send("DELETE", "/api/v1/jobs/" + id, null, "X-API-Key", key), 409, "conflict");

        Reply cancelled = api.send("POST", "/api/v1/jobs/" + id + "/cancel", null, "X-API-Key", key);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("phase").asString()).isEqualTo("finished");
        assertThat(api.send("POST", "/api/v1/jobs/" + id + "/cancel", null, "X-API-Key", key).json().path("status")
                .asString()).as("idempotent").isEqualTo("cancelled");
        assertProblem(api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key), 409, "conflict");

        assertThat(api.send("DELETE", "/api/v1/jobs/" + id, null, "X-API-Key", key).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/jobs/" + id, "X-API-Key", key), 404, "not-found");
        assertProblem(api.send("POST", "/api/v1/jobs/" + id + "/cancel", null, "X-API-Key", key), 404, "not-found");
    }

    @Test
    void aDatasetCannotBeDeletedWhileAQueuedJobUsesIt() {
        Reply dataset = api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"xor\", \"samples\": 200}",
                "X-API-Key", key, "Content-Type", "application/json");
        String datasetId = dataset.json().path("id").asString();
        String job = submit(DIGITS.replace("builtin:digits", datasetId)).json().path("id").asString();

        JsonNode problem = assertProblem(api.send("DELETE", "/api/v1/datasets/" + datasetId, null, "X-API-Key", key),
                409, "conflict");
        assertThat(problem.path("detail").asString()).contains("used by 1 queued or running job");
        api.send("POST", "/api/v1/jobs/" + job + "/cancel", null, "X-API-Key", key);
        assertThat(api.send("DELETE", "/api/v1/datasets/" + datasetId, null, "X-API-Key", key).status()).isEqualTo(204);
    }

    @Test
    void theSchemaShowsEveryDefaultAsTheMapperFillsItIn() {
        JsonNode schemas = api.get("/v3/api-docs").json().path("components").path("schemas");
        assertThat(schemas.path("TrainingPart").path("properties").path("epochs").path("default").asInt()).isEqualTo(20);
        assertThat(schemas.path("TrainingPart").path("properties").path("seed").path("default").asInt()).isEqualTo(42);
        assertThat(schemas.path("DatasetPart").path("properties").path("validationSplit").path("default").asDouble())
                .isEqualTo(0.15);
        assertThat(schemas.path("DatasetPart").path("properties").path("standardize").path("default").asBoolean()).isTrue();
        assertThat(schemas.path("BatchPart").path("properties").path("mode").path("default").asString())
                .isEqualTo("mini_batch");
        assertThat(schemas.path("BatchPart").path("properties").path("size").path("default").asInt()).isEqualTo(32);
        assertThat(schemas.path("LayerPart").path("properties").path("activation").path("default").asString())
                .isEqualTo("relu");
        assertThat(schemas.path("LayerPart").path("properties").path("epsilon").path("default").asDouble()).isEqualTo(1e-5);
        assertThat(schemas.path("EarlyStoppingPart").path("properties").path("patience").path("default").asInt())
                .isEqualTo(10);
        JsonNode optimizer = schemas.path("OptimizerPart").path("properties");
        assertThat(optimizer.path("type").path("default").asString()).isEqualTo("adam");
        assertThat(optimizer.path("beta2").path("default").asDouble()).isEqualTo(0.999);
        assertThat(optimizer.path("beta").path("default").asDouble()).isEqualTo(0.9);
        assertThat(optimizer.path("learningRate").has("default")).as("it depends on the optimizer").isFalse();
        assertThat(optimizer.path("learningRate").path("description").asString())
                .contains("Default: 0.01 for sgd, momentum, nesterov, adagrad; 0.001 for rmsprop, adam, adamw.");
        JsonNode schedule = schemas.path("SchedulePart").path("properties");
        assertThat(schedule.path("type").path("default").asString()).isEqualTo("constant");
        assertThat(schedule.path("everyEpochs").path("default").asInt()).isEqualTo(10);
        assertThat(schedule.path("gamma").path("default").asDouble()).isEqualTo(0.95);
        assertThat(schedule.path("warmupEpochs").path("default").asInt()).isEqualTo(0);
        assertThat(schemas.path("DatasetPart").path("properties").path("standardizeTarget").path("default").asBoolean())
                .isTrue();
        JsonNode missing = schemas.path("MissingPart").path("properties");
        assertThat(missing.path("strategy").path("default").asString()).isEqualTo("error");
        assertThat(missing.path("impute").path("default").asString()).isEqualTo("mean");
        assertThat(missing.path("indicator").path("default").asBoolean()).isFalse();
        assertThat(missing.path("indicator").has("default")).isTrue();
    }

    @Test
    void everyShippedExampleIsAValidJobAndShowsInSwaggerUi() {
        Map<String, String> examples = OperationExamples.load(JobExamples.FOLDER);
        assertThat(examples).containsKeys("digits-classifier", "spiral-tanh", "spiral-relu", "diabetes-regression");
        examples.forEach((name, spec) -> assertThat(submit(spec).status()).as(name).isEqualTo(202));

        JsonNode docs = api.get("/v3/api-docs").json();
        JsonNode shown = docs.path("paths").path("/api/v1/jobs").path("post").path("requestBody").path("content")
                .path("application/json").path("examples");
        assertThat(shown.propertyNames()).containsExactlyInAnyOrderElementsOf(examples.keySet());
        assertThat(shown.path("spiral-tanh").path("value").path("dataset").path("generate").path("kind").asString())
                .isEqualTo("spirals");
    }

    private static final String DROPOUT = "{\"type\": \"dropout\", \"rate\": 0.1}";

    private static String onIris(String layers) {
        return "{\"dataset\": {\"id\": \"builtin:iris\"}, \"model\": {\"layers\": [" + layers + "]}}";
    }

    private static String residual(String layers) {
        return "{\"type\": \"residual\", \"layers\": [" + layers + "]}";
    }

    private long storedJobs() {
        return jdbc.queryForObject("select count(*) from job where owner = ?", Long.class, owner);
    }

    /** The fields a 400 validation problem names. */
    private List<String> refused(String spec) {
        return assertProblem(submit(spec), 400, "validation-failed").path("errors").findValuesAsString("field");
    }

    @Test
    void aResidualBlockOf20000LayersIsRefusedAtTheFirstLayerPastTheLimit() {
        String block = residual(String.join(", ", Collections.nCopies(20_000, DROPOUT)));
        JsonNode problem = assertProblem(submit(onIris(block)), 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("model.layers[0].layers[63]");
        assertThat(problem.path("detail").asString()).contains("20001 layers", "trainyard.jobs.max-layers");
        assertThat(storedJobs()).isZero();
    }

    @Test
    void residualBlocksNested100DeepAreRefusedAtTheFirstBlockPastTheLimit() {
        String layer = DROPOUT;
        for (int i = 0; i < 100; i++) {
            layer = residual(layer);
        }
        JsonNode problem = assertProblem(submit(onIris(layer)), 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactly("model.layers[0]" + ".layers[0]".repeat(8));
        assertThat(problem.path("detail").asString()).contains("trainyard.jobs.max-nesting");
        String deeper = "[".repeat(300) + "]".repeat(300);
        JsonNode parser = assertProblem(submit(onIris("{\"type\": \"dense\", \"units\": 4, \"init\": " + deeper
                + "}")), 400, "malformed-body");
        assertThat(parser.path("detail").asString()).contains("nesting depth", "256");
        assertThat(storedJobs()).isZero();
    }

    @Test
    void aBodyOverTheLimitIsA413WithOrWithoutContentLength() {
        String body = DIGITS.replace("digits-adam", "x".repeat(2_000_000));
        JsonNode declared = assertProblem(submit(body), 413, "payload-too-large");
        assertThat(declared.path("detail").asString()).contains("1048576 bytes", "trainyard.api.max-body-bytes");
        JsonNode chunked = assertProblem(api.sendChunked("POST", "/api/v1/jobs", body, "X-API-Key", key,
                "Content-Type", "application/json"), 413, "payload-too-large");
        assertThat(chunked.path("detail").asString()).contains("trainyard.api.max-body-bytes");
        assertThat(api.sendChunked("POST", "/api/v1/jobs", DIGITS, "X-API-Key", key, "Content-Type",
                "application/json").status()).as("a small chunked body is read").isEqualTo(202);
        assertThat(storedJobs()).isOne();
    }

    @Test
    void aNameLongerThanItsColumnIsRefusedBeforeAnythingIsStored() {
        JsonNode problem = assertProblem(submit(DIGITS.replace("digits-adam", "n".repeat(201))), 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("name");
        assertThat(problem.path("detail").asString()).contains("at most 200 characters, had 201");
        assertThat(submit(DIGITS.replace("digits-adam", "n".repeat(200))).status()).isEqualTo(202);
        assertThat(storedJobs()).isOne();
    }

    @Test
    void initAndOtherFreeFormFieldsTakeOnlyTheirDocumentedValues() {
        JsonNode junk = assertProblem(submit(onIris("{\"type\": \"dense\", \"units\": 4, \"init\": \"banana\"}")), 400,
                "validation-failed");
        assertThat(junk.path("errors").findValuesAsString("field")).containsExactly("model.layers[0].init");
        assertThat(junk.path("detail").asString()).contains("he, xavier, zeros, normal (std), uniform (limit) or "
                + "constant (value)", "'banana'");
        assertThat(refused(onIris("{\"type\": \"dense\", \"units\": 4, \"init\": {\"type\": \"he\", \"junk\": \""
                + "x".repeat(10_000) + "\"}}"))).containsExactly("model.layers[0].init.junk");
        assertThat(refused(onIris("{\"type\": \"dense\", \"units\": 4, \"layers\": [" + DROPOUT + "]}")))
                .containsExactly("model.layers[0].layers");
        assertThat(refused(DIGITS.replace("\"epochs\": 30", "\"epochs\": 30, \"earlyStopping\": {\"monitor\": \""
                + "m".repeat(600) + "\"}"))).containsExactly("training.earlyStopping");
        assertThat(storedJobs()).isZero();
    }

    @Test
    void anUnknownFieldIsNamedAtEveryDepth() {
        List<String> inLayer = assertProblem(submit(onIris("{\"type\": \"dense\", \"units\": 4, \"colour\": 1}")), 400,
                "malformed-body").path("errors").findValuesAsString("field");
        assertThat(inLayer).containsExactly("model.layers[0].colour");
        List<String> inResidual = assertProblem(submit(onIris(residual(DROPOUT.replace("}", ", \"colour\": 1}")))), 400,
                "malformed-body").path("errors").findValuesAsString("field");
        assertThat(inResidual).containsExactly("model.layers[0].layers[0].colour");
        Map<String, String> nested = Map.of("training.optimizer.colour", "\"optimizer\": {\"type\": \"adam\", \"colour\": 1}",
                "training.schedule.colour", "\"schedule\": {\"type\": \"step\", \"colour\": 1}",
                "training.augmentation.image.colour", "\"augmentation\": {\"image\": {\"colour\": 1}}");
        nested.forEach((field, part) -> assertThat(assertProblem(submit(DIGITS.replace(
                "\"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.001}", part)), 400, "malformed-body")
                .path("errors").findValuesAsString("field")).as(field).containsExactly(field));
        String generate = "{\"dataset\": {\"generate\": {\"kind\": \"xor\", \"colour\": 1}}, \"model\": {\"layers\": []}}";
        assertThat(assertProblem(submit(generate), 400, "malformed-body").path("errors").findValuesAsString("field"))
                .containsExactly("dataset.generate.colour");
        assertThat(storedJobs()).isZero();
    }

    private String upload(String csv, String categorical) {
        Reply created = api.multipart("/api/v1/datasets", categorical == null ? Map.of() : Map.of("categorical", categorical),
                "data.csv", csv.getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Test
    void emptyFeatureCellsAreRefusedAtSubmissionUnlessTheSpecSaysWhatToDoWithThem() {
        StringBuilder csv = new StringBuilder("a,b,colour,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 10 == 0 ? "" : String.valueOf(i)).append(',').append(i % 20 == 3 ? "" : String.valueOf(i * 2))
                    .append(',').append(i == 5 ? "" : i % 3 == 0 ? "red" : "blue").append(',').append(i % 2).append('\n');
        }
        String id = upload(csv.toString(), "colour");
        JsonNode columns = api.get("/api/v1/datasets/" + id, "X-API-Key", key).json().path("schema").path("columnStats");
        assertThat(columns.findValues("missing")).extracting(JsonNode::asLong).containsExactly(4L, 2L, 1L, 0L);
        String spec = "{\"dataset\": {\"id\": \"" + id + "\"%s}, \"model\": {\"layers\": [{\"type\": \"dense\", "
                + "\"units\": 4}]}}";
        JsonNode problem = assertProblem(submit(spec.formatted("")), 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("dataset.missing.strategy");
        assertThat(problem.path("detail").asString()).contains("'a' (4), 'b' (2)", "drop_rows", "impute")
                .doesNotContain("colour");
        assertThat(storedJobs()).isZero();
        assertThat(submit(spec.formatted(", \"missing\": {\"strategy\": \"drop_rows\"}")).status()).isEqualTo(202);
        assertThat(submit(spec.formatted(", \"missing\": {\"strategy\": \"impute\", \"impute\": \"median\", "
                + "\"indicator\": true}")).status()).isEqualTo(202);
        JsonNode unknown = assertProblem(submit(spec.formatted(", \"missing\": {\"strategy\": \"guess\"}")), 400,
                "validation-failed");
        assertThat(unknown.path("errors").findValuesAsString("field")).containsExactly("dataset.missing.strategy");
        assertThat(storedJobs()).isEqualTo(2);
    }

    @Test
    void theParameterLimitCountsTheInputsAfterOneHotEncoding() {
        StringBuilder numbers = new StringBuilder("code,label\n");
        StringBuilder categories = new StringBuilder("code,label\n");
        for (int i = 0; i < 1000; i++) {
            numbers.append(i).append(',').append(i % 2).append('\n');
            categories.append('c').append(i).append(',').append(i % 2).append('\n');
        }
        String spec = "{\"dataset\": {\"id\": \"%s\"}, \"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 5000}]}}";
        assertThat(submit(spec.formatted(upload(numbers.toString(), null))).status())
                .as("one numeric input: 1 * 5000 + 5000 + 5000 * 1 + 1 = 15001 parameters").isEqualTo(202);
        JsonNode problem = assertProblem(submit(spec.formatted(upload(categories.toString(), "code"))), 400,
                "validation-failed");
        // 1000 categories are 1000 inputs: 1000 * 5000 + 5000 + 5000 * 1 + 1
        assertThat(problem.path("detail").asString()).contains("5010001 parameters", "1000 inputs",
                "trainyard.jobs.max-parameters");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("model.layers");
        assertThat(storedJobs()).isOne();
    }

    /** A spec on {@code dataset} with one dense layer and the given model and training parts (JSON members or ""). */
    private static String on(String dataset, String datasetPart, String modelPart, String trainingPart) {
        return "{\"dataset\": {\"id\": \"" + dataset + "\"" + datasetPart + "}, \"model\": {\"layers\": "
                + "[{\"type\": \"dense\", \"units\": 8}]" + modelPart + "}, \"training\": {\"epochs\": 5"
                + trainingPart + "}}";
    }

    private JsonNode refusal(String spec) {
        JsonNode problem = assertProblem(submit(spec), 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsString("message")).as(problem.toString())
                .noneMatch(message -> message.matches(".*\\b[A-Z]+_[A-Z_]+\\b.*")); // no Java enum constant names
        return problem;
    }

    private static String message(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            if (error.path("field").asString().equals(field)) {
                return error.path("message").asString();
            }
        }
        throw new AssertionError("no error for " + field + " in " + problem);
    }

    @Test
    void aMonitoredMetricTheDatasetDoesNotReportIsRefusedAtSubmission() {
        JsonNode accuracy = refusal(on("builtin:diabetes", "", "",
                ", \"earlyStopping\": {\"monitor\": \"val_accuracy\"}"));
        assertThat(accuracy.path("errors").findValuesAsString("field")).containsExactly("training.earlyStopping.monitor");
        assertThat(message(accuracy, "training.earlyStopping.monitor")).contains("'val_accuracy'", "val_rmse",
                "regression");
        JsonNode noValidation = refusal(on("builtin:iris", ", \"validationSplit\": 0", "",
                ", \"earlyStopping\": {\"monitor\": \"val_loss\"}"));
        assertThat(noValidation.path("errors").findValuesAsString("field"))
                .containsExactly("training.earlyStopping.monitor");
        assertThat(message(noValidation, "training.earlyStopping.monitor")).contains("dataset.validationSplit above 0",
                "train_loss");
        assertThat(storedJobs()).isZero();
    }

    @Test
    void anOutputOrLossTheTaskCannotTrainIsRefusedInTheNamesASpecWrites() {
        JsonNode softmax = refusal(on("builtin:diabetes", "", ", \"output\": \"softmax\"", ""));
        assertThat(softmax.path("errors").findValuesAsString("field")).containsExactly("model.output");
        assertThat(message(softmax, "model.output")).contains("softmax", "set model.output to linear");
        JsonNode crossEntropy = refusal(on("builtin:diabetes", "", ", \"loss\": \"softmax_cross_entropy\"", ""));
        assertThat(crossEntropy.path("errors").findValuesAsString("field")).containsExactly("model.loss");
        assertThat(message(crossEntropy, "model.loss")).contains("softmax_cross_entropy",
                "set model.loss to mean_squared_error");
        JsonNode sigmoid = refusal(on("builtin:iris", "", ", \"output\": \"sigmoid\"", ""));
        assertThat(sigmoid.path("errors").findValuesAsString("field")).containsExactly("model.output");
        assertThat(message(sigmoid, "model.output")).contains("3 classes", "set model.output to softmax");
        JsonNode pair = refusal(on("builtin:iris", "", ", \"output\": \"sigmoid\", \"loss\": \"softmax_cross_entropy\"",
                ""));
        assertThat(pair.path("detail").asString()).contains("softmax_cross_entropy does not fit output sigmoid");
        assertThat(submit(on("builtin:breast_cancer", "", ", \"output\": \"sigmoid\"", "")).status()).isEqualTo(202);
        assertThat(storedJobs()).isOne();
    }

    @Test
    void aSplitThatLeavesAClassOutOfTrainingIsRefusedNamingTheClass() {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        csv.append("100,rare\n101,rare\n");
        String id = upload(csv.toString(), null);
        // a class of 2 rows: round(2 * 0.25) = 1 row to test and 1 to validation, none to training
        JsonNode starved = refusal(on(id, ", \"validationSplit\": 0.25, \"testSplit\": 0.25", "", ""));
        assertThat(starved.path("errors").findValuesAsString("field")).containsExactly("dataset.validationSplit");
        assertThat(message(starved, "dataset.validationSplit")).contains("'rare' (2 rows: 1 to validation, 1 to test)",
                "Lower dataset.validationSplit or dataset.testSplit").doesNotContain("'even'");
        // round(2 * 0.2) = 0: the class keeps its rows for training
        assertThat(submit(on(id, ", \"validationSplit\": 0.2, \"testSplit\": 0.2", "", "")).status()).isEqualTo(202);
    }

    @Test
    void aClassThatDropRowsMayLeaveOutOfTrainingIsAWarningNamingTheClass() {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        csv.append(",rare\n101,rare\n102,rare\n");
        String id = upload(csv.toString(), null);
        // 3 rows keep one for training; if drop_rows leaves one out, 2 rows go 1 to validation and 1 to test
        Reply accepted = submit(on(id, ", \"validationSplit\": 0.25, \"testSplit\": 0.25, \"missing\": "
                + "{\"strategy\": \"drop_rows\"}", "", ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        List<String> warnings = new ArrayList<>();
        accepted.json().path("warnings").forEach(warning -> warnings.add(warning.asString()));
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).startsWith("dataset.validationSplit ")
                .contains("'rare'", "drop_rows").doesNotContain("'even'"));
    }

    @Test
    void imageAugmentationOnATabularDatasetIsRefusedAtSubmission() {
        String image = ", \"augmentation\": {\"image\": {\"horizontalFlip\": true}}";
        JsonNode tabular = refusal(on("builtin:iris", "", "", image));
        assertThat(tabular.path("errors").findValuesAsString("field")).containsExactly("training.augmentation.image");
        assertThat(message(tabular, "training.augmentation.image")).contains("remove augmentation.image",
                "gaussianNoise");
        assertThat(submit(on("builtin:digits", "", "", image)).status()).isEqualTo(202);
    }

    @Test
    void threeFaultsOfOneSpecAreRefusedInOneAnswer() {
        JsonNode problem = refusal(on("builtin:diabetes", "", ", \"output\": \"softmax\"",
                ", \"earlyStopping\": {\"monitor\": \"val_accuracy\"}, \"augmentation\": {\"image\": "
                        + "{\"shiftPixels\": 1}}"));
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("model.output",
                "training.earlyStopping.monitor", "training.augmentation.image");
        assertThat(problem.path("detail").asString()).contains("3 fields");
        assertThat(storedJobs()).isZero();
    }

    @Test
    void meanSquaredErrorOnClassesAndABatchLargerThanTheSplitAreAcceptedWithWarnings() {
        Reply accepted = submit(on("builtin:iris", "", ", \"loss\": \"mean_squared_error\"",
                ", \"batch\": {\"mode\": \"mini_batch\", \"size\": 500}"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode shown = api.get("/api/v1/jobs/" + accepted.json().path("id").asString(), "X-API-Key", key).json();
        List<String> warnings = new ArrayList<>();
        shown.path("warnings").forEach(warning -> warnings.add(warning.asString()));
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("model.loss ").contains("mean_squared_error", "softmax");
        // iris: 50 rows per class, 8 + 8 of each held out, so 3 * 34 = 102 train
        assertThat(warnings.get(1)).startsWith("training.batch.size ").contains("102 rows", "whole split");
        assertThat(shown.path("stepsPerEpoch").asInt()).isEqualTo(1);
        JsonNode plain = submit(on("builtin:iris", "", "", "")).json();
        assertThat(plain.path("warnings").isMissingNode()).as(plain.toString()).isTrue();
    }

    @Test
    void stepsPerEpochFollowTheBatchModeOnTheJobAndItsMetrics() {
        Map<String, Integer> expected = Map.of("{\"mode\": \"full\"}", 1, "{\"mode\": \"mini_batch\", \"size\": 32}", 4,
                "{\"mode\": \"stochastic\"}", 102);
        expected.forEach((batch, steps) -> {
            Reply accepted = submit(on("builtin:iris", "", "", ", \"batch\": " + batch));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().path("id").asString();
            assertThat(accepted.json().path("stepsPerEpoch").asInt()).as(batch).isEqualTo(steps);
            assertThat(api.get("/api/v1/jobs/" + id, "X-API-Key", key).json().path("stepsPerEpoch").asInt())
                    .isEqualTo(steps);
            Reply metrics = api.get("/api/v1/jobs/" + id + "/metrics", "X-API-Key", key);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("X-Steps-Per-Epoch")).as(batch).isEqualTo(String.valueOf(steps));
        });
        JsonNode docs = api.get("/v3/api-docs", "X-API-Key", key).json();
        JsonNode schema = docs.path("components").path("schemas").path("JobResponse").path("properties")
                .path("stepsPerEpoch");
        assertThat(schema.path("description").asString()).contains("ceil(rows / size)", "full batch");
        JsonNode listed = docs.path("paths").path("/api/v1/jobs/{id}/metrics").path("get").path("responses").path("200");
        assertThat(listed.path("headers").path("X-Steps-Per-Epoch").path("description").asString())
                .contains("ceil(rows / size)");
        assertThat(listed.path("content").toString()).as(listed.toString()).contains("array");
    }
}

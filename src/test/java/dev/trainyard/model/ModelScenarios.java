package dev.trainyard.model;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.trainyard.engine.model.ModelDocument;
import dev.trainyard.engine.model.Prediction;
import dev.trainyard.engine.model.Predictor;
import dev.trainyard.support.ApiClient;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import tools.jackson.databind.JsonNode;

/**
 * A trained model in use over HTTP: its card, predictions on raw JSON rows and on CSV files, its ONNX form, and
 * every kind of bad input, on H2 ({@link ModelH2IT}) and PostgreSQL ({@link ModelPostgresIT}).
 */
@TestPropertySource(properties = {"trainyard.worker.slots=1", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.metrics-flush-interval=100ms",
        "trainyard.models.max-rows=300"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ModelScenarios extends ApiScenarios {

    /** Fruit by weight and colour: colour is categorical, so a row's colour becomes three inputs. */
    private static final String FRUIT;

    static {
        StringBuilder csv = new StringBuilder("weight,color,fruit\n");
        String[] colors = {"red", "green", "yellow"};
        for (int i = 0; i < 120; i++) {
            String fruit = i % 2 == 0 ? "apple" : "banana";
            double weight = (fruit.equals("apple") ? 150 : 120) + (i % 7) * 3;
            csv.append(weight).append(',').append(fruit.equals("apple") ? colors[i % 4 == 0 ? 1 : 0] : colors[2])
                    .append(',').append(fruit).append('\n');
        }
        FRUIT = csv.toString();
    }

    @BeforeEach
    void connect() {
        connectAs("models");
    }

    private String trained(String spec) {
        String id = accepted("/api/v1/jobs", spec);
        JsonNode done = awaitResource("/api/v1/jobs/" + id, job -> job.path("phase").asString().equals("finished"),
                Duration.ofSeconds(60));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
        return id;
    }

    private String iris() {
        return trained("""
                {"name": "iris-model", "dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense",
                 "units": 8, "activation": "tanh"}]}, "training": {"epochs": 40, "optimizer": {"type": "adam",
                 "learningRate": 0.05}}}
                """);
    }

    private String fruit() {
        Reply created = api.multipart("/api/v1/datasets", Map.of("name", "fruit", "target", "fruit", "categorical",
                "color"), "fruit.csv", FRUIT.getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String dataset = created.json().path("id").asString();
        return trained("{\"name\": \"fruit-model\", \"dataset\": {\"id\": \"" + dataset + "\"}, \"model\": "
                + "{\"layers\": [{\"type\": \"dense\", \"units\": 6}]}, \"training\": {\"epochs\": 30, \"optimizer\": "
                + "{\"type\": \"adam\", \"learningRate\": 0.05}}}");
    }

    private Reply predict(String id, String body, String... query) {
        return api.send("POST", "/api/v1/jobs/" + id + "/predictions" + (query.length == 0 ? "" : "?" + query[0]), body,
                "X-API-Key", key, "Content-Type", "application/json");
    }

    @Test
    void aTwoFeatureClassifiersDecisionBoundaryIsItsPredictionsOnAGridOverItsTrainingRows() {
        String id = trained("""
                {"dataset": {"generate": {"kind": "moons", "samples": 200, "noise": 0.1, "seed": 2}},
                 "model": {"layers": [{"type": "dense", "units": 16, "activation": "tanh"}]},
                 "training": {"epochs": 30, "optimizer": {"type": "adam", "learningRate": 0.03}}}
                """);
        Reply reply = api.get("/api/v1/jobs/" + id + "/decision-boundary?resolution=20", "X-API-Key", key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode grid = reply.json();
        assertThat(grid.path("features").toString()).isEqualTo("[\"x0\",\"x1\"]");
        assertThat(grid.path("x")).hasSize(20);
        assertThat(grid.path("y")).hasSize(20);
        assertThat(grid.path("probabilities")).hasSize(20);
        // 100 rows a class; 15 of each go to test and 15 to validation: 70 of each train
        assertThat(grid.path("points").path("x")).hasSize(140);
        assertThat(grid.path("points").path("label")).hasSize(140);
        // a cell's probabilities are what the predictions endpoint answers for that point
        double x = grid.path("x").get(3).asDouble();
        double y = grid.path("y").get(17).asDouble();
        JsonNode predicted = predict(id, "{\"instances\": [[" + x + ", " + y + "]]}").json().path("predictions").get(0);
        JsonNode cell = grid.path("probabilities").get(3).get(17);
        for (int c = 0; c < 2; c++) {
            assertThat(cell.get(c).asDouble()).isCloseTo(predicted.path("probabilities").path(String.valueOf(c))
                    .asDouble(), within(1e-6));
        }
        // the range covers the training rows, with a margin
        double lowest = Double.POSITIVE_INFINITY;
        for (JsonNode v : grid.path("points").path("x")) {
            lowest = Math.min(lowest, v.asDouble());
        }
        assertThat(grid.path("x").get(0).asDouble()).isLessThan(lowest);

        assertProblem(api.get("/api/v1/jobs/" + id + "/decision-boundary?resolution=1", "X-API-Key", key), 400,
                "validation-failed");
        assertProblem(api.get("/api/v1/jobs/" + id + "/decision-boundary?resolution=201", "X-API-Key", key), 400,
                "validation-failed");
        JsonNode four = assertProblem(api.get("/api/v1/jobs/" + iris() + "/decision-boundary", "X-API-Key", key), 409,
                "conflict");
        assertThat(four.path("detail").asString()).contains("two numeric features", "4 features");
        connectAs("someone-else");
        assertProblem(api.get("/api/v1/jobs/" + id + "/decision-boundary", "X-API-Key", key), 404, "not-found");
    }

    @Test
    void rawRowsGetClassNamesEveryProbabilityAndTheIndexAsTheEnginePredicts() {
        String id = iris();
        String rows = "{\"rows\": [{\"sepal_length_cm\": 5.1, \"sepal_width_cm\": 3.5, \"petal_length_cm\": 1.4, "
                + "\"petal_width_cm\": 0.2}, {\"sepal_length_cm\": 6.7, \"sepal_width_cm\": 3.0, \"petal_length_cm\": 5.2, "
                + "\"petal_width_cm\": 2.3}, {\"sepal_length_cm\": 5.9, \"sepal_width_cm\": 3.0, \"petal_length_cm\": 4.2, "
                + "\"petal_width_cm\": 1.5, \"species\": \"versicolor\"}]}";
        Reply reply = predict(id, rows);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode predictions = reply.json().path("predictions");
        assertThat(predictions).hasSize(3);
        assertThat(predictions.findValuesAsString("class")).containsExactly("setosa", "virginica", "versicolor");

        // The engine's own predictor on the downloaded document, fed the same raw values, answers the same.
        JsonNode card = api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key).json();
        Predictor engine = Predictor.load(ModelDocument.read(card.path("document").toString()));
        Prediction expected = engine.predict(new double[][] {{5.1, 3.5, 1.4, 0.2}, {6.7, 3.0, 5.2, 2.3},
                {5.9, 3.0, 4.2, 1.5}});
        for (int r = 0; r < 3; r++) {
            JsonNode p = predictions.get(r).path("probabilities");
            assertThat(p.propertyNames()).containsExactly("setosa", "versicolor", "virginica");
            for (int c = 0; c < 3; c++) {
                assertThat(p.path(card.path("classes").get(c).asString()).asDouble())
                        .isCloseTo(expected.outputs()[r][c], within(1e-6));
            }
            assertThat(predictions.get(r).path("index").asInt()).isEqualTo(expected.classes()[r]);
        }

        JsonNode instances = predict(id, "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}").json().path("predictions");
        assertThat(instances.get(0).path("probabilities")).isEqualTo(predictions.get(0).path("probabilities"));
        JsonNode top = predict(id, rows, "top=2").json().path("predictions").get(1).path("probabilities");
        assertThat(top.propertyNames()).hasSize(2).first().isEqualTo("virginica");
        assertProblem(predict(id, rows, "top=4"), 400, "invalid-request");
    }

    @Test
    void theCardCarriesEverythingNeededToUseTheModelAnywhere() {
        String id = fruit();
        Reply reply = api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode card = reply.json();
        assertThat(card.path("format").asString()).isEqualTo("trainyard-model");
        assertThat(card.path("task").asString()).isEqualTo("classification");
        assertThat(card.path("target").asString()).isEqualTo("fruit");
        assertThat(card.path("classes").toString()).isEqualTo("[\"apple\",\"banana\"]");
        assertThat(card.path("features").findValuesAsString("name")).contains("weight", "color", "color=green");
        JsonNode color = card.path("features").get(1);
        assertThat(color.path("type").asString()).isEqualTo("categorical");
        assertThat(color.path("categories").toString()).isEqualTo("[\"green\",\"red\",\"yellow\"]");
        JsonNode weight = card.path("features").get(0).path("inputs").get(0);
        double mean = 0;
        for (String line : FRUIT.lines().skip(1).toList()) {
            mean += Double.parseDouble(line.split(",")[0]);
        }
        assertThat(weight.path("mean").asDouble()).as("fitted on the training split only").isNotEqualTo(mean / 120)
                .isCloseTo(mean / 120, within(5.0));
        assertThat(card.path("dataset").path("checksum").asString()).hasSize(64);
        assertThat(card.path("specHash").asString()).hasSize(64);
        assertThat(card.path("trainyardVersion").asString()).isNotBlank();
        assertThat(card.path("architecture").path("layers").get(0).path("units").asInt()).isEqualTo(6);
        assertThat(card.path("test").path("metrics").path("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(card.path("document").path("format").asString()).isEqualTo("trainyard-model");

        JsonNode listed = api.get("/api/v1/models?name=fruit-model", "X-API-Key", key).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("job").asString()).isEqualTo(id);
        assertThat(listed.get(0).path("metric").asString()).isEqualTo("accuracy");
        assertThat(api.get("/api/v1/models?dataset=builtin:iris", "X-API-Key", key).json()).isEmpty();
        JsonNode docs = api.get("/v3/api-docs").json();
        assertThat(docs.path("paths").path("/api/v1/jobs/{id}/predictions").path("post").path("description")
                .asString()).contains("at most 300 rows per request (trainyard.models.max-rows)");
        assertThat(docs.path("components").path("schemas").path("ModelCard").path("properties").path("document")
                .path("description").asString()).contains("row-major");
    }

    @Test
    void categoriesAreOneHotEncodedServerSideAndEveryBadValueIsNamedByRowAndColumn() {
        String id = fruit();
        JsonNode ok = predict(id, "{\"rows\": [{\"weight\": 150, \"color\": \"red\"}, {\"weight\": 120, "
                + "\"color\": \"yellow\"}]}").json().path("predictions");
        assertThat(ok.findValuesAsString("class")).containsExactly("apple", "banana");

        JsonNode unseen = assertProblem(predict(id, "{\"rows\": [{\"weight\": 150, \"color\": \"purple\"}]}"), 400,
                "validation-failed");
        assertThat(unseen.path("errors").get(0).path("field").asString()).isEqualTo("rows[0].color");
        assertThat(unseen.path("errors").get(0).path("message").asString()).contains("'purple'", "known: green, red, yellow");

        JsonNode many = assertProblem(predict(id, "{\"rows\": [{\"weight\": 150, \"color\": \"red\"}, {\"color\": "
                + "\"red\"}, {\"weight\": \"heavy\", \"color\": \"red\"}, {\"weight\": 1, \"color\": \"red\", "
                + "\"size\": 3}, {\"weight\": \"NaN\", \"color\": \"red\"}]}"), 400, "validation-failed");
        assertThat(many.path("errors").findValuesAsString("field")).containsExactly("rows[1].weight", "rows[2].weight",
                "rows[3].size", "rows[4].weight");
        assertThat(many.path("errors").findValuesAsString("message")).anySatisfy(m -> assertThat(m).contains("missing"))
                .anySatisfy(m -> assertThat(m).contains("must be a number", "'heavy'"))
                .anySatisfy(m -> assertThat(m).contains("not a column of this model", "weight, color"))
                .anySatisfy(m -> assertThat(m).contains("NaN and Infinity"));
        assertProblem(predict(id, "{\"instances\": [[150]]}"), 400, "validation-failed");
        assertProblem(predict(id, "{\"rows\": {}}"), 400, "validation-failed");
        assertProblem(predict(id, "{}"), 400, "validation-failed");
        StringBuilder tooMany = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < 301; i++) {
            tooMany.append(i == 0 ? "" : ",").append("[150, \"red\"]");
        }
        JsonNode over = assertProblem(predict(id, tooMany + "]}"), 400, "validation-failed");
        assertThat(over.path("detail").asString()).contains("more than 300 rows", "trainyard.models.max-rows");
    }

    @Test
    void aCsvFileIsPredictedAsJsonOrAsCsvWithItsColumnsAndTheBadLineIsNamed() {
        String id = fruit();
        StringBuilder csv = new StringBuilder("color,weight,fruit\n");
        List<String> rows = FRUIT.lines().skip(1).limit(250).toList();
        for (String line : rows) {
            String[] f = line.split(",");
            csv.append(f[1]).append(',').append(f[0]).append(',').append(f[2]).append('\n');
        }
        Reply asCsv = api.post("/api/v1/jobs/" + id + "/predictions", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), "X-API-Key", key, "Accept", "text/csv");
        assertThat(asCsv.status()).as(asCsv.body()).isEqualTo(200);
        List<String> lines = asCsv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("color,weight,fruit,prediction,prediction_index,probability_apple,"
                + "probability_banana");
        assertThat(lines).hasSize(rows.size() + 1);
        long right = lines.stream().skip(1).filter(line -> line.split(",")[2].equals(line.split(",")[3])).count();
        assertThat(right).isGreaterThan(rows.size() * 9 / 10);

        Reply asJson = api.multipart("/api/v1/jobs/" + id + "/predictions", Map.of(), "rows.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(asJson.status()).as(asJson.body()).isEqualTo(200);
        List<String> classes = new ArrayList<>(asJson.json().path("predictions").findValuesAsString("class"));
        assertThat(classes).hasSize(rows.size());
        assertThat(classes).containsExactlyElementsOf(lines.stream().skip(1).map(line -> line.split(",")[3]).toList());

        JsonNode bad = assertProblem(api.post("/api/v1/jobs/" + id + "/predictions", "text/csv",
                "weight,color\n150,red\n150,purple\n".getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400,
                "validation-failed");
        assertThat(bad.path("errors").get(0).path("field").asString()).isEqualTo("line 3, column 'color'");
        assertProblem(api.post("/api/v1/jobs/" + id + "/predictions", "text/csv",
                "weight\n150\n".getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "validation-failed");
        StringBuilder tooLong = new StringBuilder("weight,color\n");
        for (int i = 0; i < 301; i++) {
            tooLong.append("150,red\n");
        }
        assertProblem(api.post("/api/v1/jobs/" + id + "/predictions", "text/csv",
                tooLong.toString().getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "validation-failed");
    }

    @Test
    void onlyTheOwnersSucceededJobsPredictAndADeletedOneIsGoneAtOnce() {
        String id = iris();
        String row = "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}";
        assertThat(predict(id, row).status()).isEqualTo(200);
        ApiClient mine = api;
        String myKey = key;
        connectAs("other");
        assertProblem(predict(id, row), 404, "not-found");
        assertProblem(api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key), 404, "not-found");

        String running = accepted("/api/v1/jobs", "{\"dataset\": {\"id\": \"builtin:digits\"}, \"model\": {\"layers\": "
                + "[{\"type\": \"dense\", \"units\": 64}]}, \"training\": {\"epochs\": 5000}}");
        JsonNode busy = assertProblem(predict(running, row), 409, "conflict");
        assertThat(busy.path("detail").asString()).containsAnyOf("is queued", "is running");
        api.send("POST", "/api/v1/jobs/" + running + "/cancel", null, "X-API-Key", key);

        api = mine;
        key = myKey;
        ModelCache cache = context.getBean(ModelCache.class);
        assertThat(cache.size()).isPositive();
        int before = cache.size();
        assertThat(api.send("DELETE", "/api/v1/jobs/" + id, null, "X-API-Key", key).status()).isEqualTo(204);
        assertThat(cache.size()).isEqualTo(before - 1);
        assertProblem(predict(id, row), 404, "not-found");
    }

    /** ONNX Runtime's answer to {@code rows} on the model exported by the node. */
    private float[][] onnxRuntime(byte[] onnx, float[][] rows) throws Exception {
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession session = env.createSession(onnx);
                ai.onnxruntime.OnnxTensor input = ai.onnxruntime.OnnxTensor.createTensor(env, rows);
                ai.onnxruntime.OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    @Test
    void theOnnxExportAnswersAsThePredictionsDoForClassesAndForValuesInTheTargetsUnits() throws Exception {
        String iris = iris();
        assertThat(api.get("/api/v1/jobs/" + iris + "/model?format=onnx", "X-API-Key", key).header("Content-Type"))
                .startsWith("application/onnx");
        byte[] onnx = api.getBytes("/api/v1/jobs/" + iris + "/model?format=onnx", "X-API-Key", key);
        float[][] rows = {{5.1f, 3.5f, 1.4f, 0.2f}, {6.7f, 3.0f, 5.2f, 2.3f}, {5.9f, 3.0f, 4.2f, 1.5f}};
        float[][] theirs = onnxRuntime(onnx, rows);
        JsonNode ours = predict(iris, "{\"instances\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], [5.9, 3.0, 4.2, "
                + "1.5]]}").json().path("predictions");
        for (int r = 0; r < rows.length; r++) {
            JsonNode p = ours.get(r).path("probabilities");
            int c = 0;
            for (String name : p.propertyNames()) {
                assertThat((double) theirs[r][c++]).isCloseTo(p.path(name).asDouble(), within(1e-5));
            }
        }
        assertThat(api.getBytes("/api/v1/jobs/" + iris + "/model", "X-API-Key", key, "Accept", "application/onnx"))
                .isEqualTo(onnx);
        assertProblem(api.get("/api/v1/jobs/" + iris + "/model?format=pmml", "X-API-Key", key), 400, "invalid-request");

        String diabetes = trained("""
                {"dataset": {"id": "builtin:diabetes"}, "model": {"layers": [{"type": "dense", "units": 16}]},
                 "training": {"epochs": 20, "optimizer": {"type": "adam", "learningRate": 0.01}}}
                """);
        JsonNode card = api.get("/api/v1/jobs/" + diabetes + "/model", "X-API-Key", key).json();
        assertThat(card.path("targetScale").path("mean").asDouble()).isBetween(100.0, 200.0);
        int width = card.path("features").size();
        float[][] patient = new float[1][width];
        StringBuilder row = new StringBuilder("{\"instances\": [[");
        for (int i = 0; i < width; i++) {
            patient[0][i] = (float) card.path("features").get(i).path("inputs").get(0).path("mean").asDouble();
            row.append(i == 0 ? "" : ",").append(patient[0][i]);
        }
        double value = predict(diabetes, row + "]]}").json().path("predictions").get(0).path("value").asDouble();
        assertThat(value).as("in the target's units").isBetween(50.0, 300.0);
        float[][] exported = onnxRuntime(api.getBytes("/api/v1/jobs/" + diabetes + "/model?format=onnx", "X-API-Key",
                key), patient);
        assertThat((double) exported[0][0]).isCloseTo(value, within(Math.abs(value) * 1e-5));
    }

    @Test
    void aModelTrainedWithImputationPredictsOnEmptyCellsHereAndAsOnnxAndOneWithoutRefusesThem() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 80; i++) {
            csv.append(i % 9 == 0 ? "" : String.valueOf(i % 10)).append(',').append(i % 3).append(',')
                    .append(i % 10 < 5 ? "low" : "high").append('\n');
        }
        Reply created = api.multipart("/api/v1/datasets", Map.of("name", "gaps", "target", "y"), "gaps.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String dataset = created.json().path("id").asString();
        String id = trained("{\"dataset\": {\"id\": \"" + dataset + "\", \"missing\": {\"strategy\": \"impute\", "
                + "\"indicator\": true}}, \"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 4}]}, "
                + "\"training\": {\"epochs\": 5}}");
        Reply gap = predict(id, "{\"rows\": [{\"a\": null, \"b\": 1}, {\"a\": 7, \"b\": 1}]}");
        assertThat(gap.status()).as(gap.body()).isEqualTo(200);
        JsonNode card = api.get("/api/v1/jobs/" + id + "/model", "X-API-Key", key).json();
        assertThat(card.path("features").get(0).path("fill").isNumber()).isTrue();
        assertThat(card.path("features").get(0).path("inputs").findValuesAsString("name")).containsExactly("a",
                "a?missing");

        // Its ONNX form takes the raw features (no indicator), NaN for the empty cell, and imputes as the node does.
        byte[] onnx = api.getBytes("/api/v1/jobs/" + id + "/model?format=onnx", "X-API-Key", key);
        float[][] theirs = onnxRuntime(onnx, new float[][] {{Float.NaN, 1}, {7, 1}, {Float.NaN, Float.NaN}});
        String positive = card.path("classes").get(1).asString();
        for (int r = 0; r < 2; r++) {
            assertThat((double) theirs[r][0]).as("row %d", r).isCloseTo(gap.json().path("predictions").get(r)
                    .path("probabilities").path(positive).asDouble(), within(1e-5));
        }
        Prediction engine = Predictor.load(ModelDocument.read(card.path("document").toString()))
                .predict(new double[][] {{Double.NaN, 1}, {7, 1}, {Double.NaN, Double.NaN}});
        for (int r = 0; r < 3; r++) {
            assertThat((double) theirs[r][0]).as("row %d", r).isCloseTo(engine.outputs()[r][0], within(1e-5));
        }

        JsonNode refused = assertProblem(predict(iris(), "{\"rows\": [{\"sepal_length_cm\": null, "
                + "\"sepal_width_cm\": 3.5, \"petal_length_cm\": 1.4, \"petal_width_cm\": 0.2}]}"), 400,
                "validation-failed");
        assertThat(refused.path("errors").get(0).path("message").asString()).contains("trained without missing values");
    }
}

package dev.trainyard.dataset;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.security.TestKeys;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.ApiClient.Reply;
import tools.jackson.databind.JsonNode;

/** Datasets through the API, on H2 ({@link DatasetH2IT}) and PostgreSQL ({@link DatasetPostgresIT}). */
abstract class DatasetScenarios extends ApiScenarios {

    @BeforeEach
    void connect() {
        connectAs("data");
    }

    /** A small classification CSV that differs per call, so duplicate detection does not interfere. */
    private static String csv(String salt) {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i * 0.5).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        return csv.append("99,").append(Math.abs(salt.hashCode()) % 1000).append(",a\n").toString();
    }

    @Test
    void builtInsAreListedForEveryoneWithTheirSchema() {
        JsonNode list = api.get("/api/v1/datasets", "X-API-Key", key).json();
        assertThat(list.findValuesAsString("id")).contains("builtin:iris", "builtin:wine", "builtin:breast_cancer",
                "builtin:digits", "builtin:diabetes");
        JsonNode digits = api.get("/api/v1/datasets/builtin:digits", "X-API-Key", key).json();
        assertThat(digits.path("rows").asLong()).isEqualTo(1797);
        assertThat(digits.path("columns").asInt()).isEqualTo(65);
        assertThat(digits.path("imageShape").toString()).isEqualTo("[8,8,1]");
        assertThat(digits.path("schema").path("classBalance").size()).isEqualTo(10);
        assertThat(api.get("/api/v1/datasets/builtin:diabetes", "X-API-Key", key).json().path("task").asString())
                .isEqualTo("regression");
    }

    @Test
    void theApiDocsShowTheUploadLimits() {
        String description = api.get("/v3/api-docs").json().path("paths").path("/api/v1/datasets").path("post")
                .path("description").asString();
        assertThat(description).contains("Limits on this server", "209,715,200 bytes", "2,000,000 rows", "2,000 columns");
    }

    @Test
    void anUploadIsCheckedStoredAndDescribed() throws IOException {
        String content = csv(owner);
        Reply created = api.multipart("/api/v1/datasets", Map.of("name", "small"), "small.csv",
                content.getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/datasets/" + id);

        JsonNode shown = api.get("/api/v1/datasets/" + id, "X-API-Key", key).json();
        assertThat(shown.path("rows").asLong()).isEqualTo(31);
        assertThat(shown.path("task").asString()).isEqualTo("classification");
        assertThat(shown.path("schema").path("classBalance").path("a").asLong()).isEqualTo(11);
        assertThat(shown.path("schema").path("columnStats").get(0).path("max").asDouble()).isEqualTo(99);
        assertThat(shown.path("checksum").asString()).hasSize(64);
        assertThat(shown.path("schema").path("task").asString()).isEqualTo("classification");

        byte[] stored = jdbc.queryForObject("select c.content from dataset_content c join dataset d on d.id = c.dataset_id "
                + "where d.public_id = ?", byte[].class, UUID.fromString(id));
        try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            assertThat(new String(gunzip.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(content);
        }
        assertThat(api.get("/api/v1/datasets", "X-API-Key", key).json().findValuesAsString("id")).contains(id);
    }

    @Test
    void theSameContentTwiceIsDetectedEvenWhenCompressed() throws IOException {
        String content = csv(owner + "dup");
        assertThat(api.multipart("/api/v1/datasets", Map.of(), "one.csv", content.getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key).status()).isEqualTo(201);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gz)) {
            gzip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode problem = assertProblem(api.multipart("/api/v1/datasets", Map.of(), "two.csv.gz", gz.toByteArray(),
                "X-API-Key", key), 409, "conflict");
        assertThat(problem.path("detail").asString()).contains("uploaded this content before");
    }

    @Test
    void aBadUploadIsExplainedAndLeavesNothingBehind() {
        Integer before = jdbc.queryForObject("select count(*) from dataset", Integer.class);
        JsonNode problem = assertProblem(api.multipart("/api/v1/datasets", Map.of(), "bad.csv",
                "a,b,c\n1,2,x\n3,4\n".getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "invalid-dataset");
        assertThat(problem.path("detail").asString()).contains("Line 3 has 2 fields");
        assertProblem(api.multipart("/api/v1/datasets", Map.of("imageShape", "eight"), "x.csv",
                csv(owner + "i").getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "invalid-dataset");
        assertProblem(api.multipart("/api/v1/datasets", Map.of("target", "nope"), "x.csv",
                csv(owner + "t").getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "invalid-dataset");
        assertThat(jdbc.queryForObject("select count(*) from dataset", Integer.class)).isEqualTo(before);
    }

    @Test
    void datasetsBelongToTheirOwner() {
        String id = api.multipart("/api/v1/datasets", Map.of(), "mine.csv", csv(owner + "own").getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key).json().path("id").asString();
        String stranger = TestKeys.user(context, "stranger-" + owner);
        assertProblem(api.get("/api/v1/datasets/" + id, "X-API-Key", stranger), 404, "not-found");
        assertProblem(api.send("DELETE", "/api/v1/datasets/" + id, null, "X-API-Key", stranger), 404, "not-found");
        assertThat(api.send("DELETE", "/api/v1/datasets/" + id, null, "X-API-Key", key).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/datasets/" + id, "X-API-Key", key), 404, "not-found");
        assertProblem(api.send("DELETE", "/api/v1/datasets/builtin:iris", null, "X-API-Key", key), 409, "conflict");
    }

    @Test
    void generatedDatasetsAreSeededAndStoredOnce() {
        String request = "{\"kind\": \"spirals\", \"samples\": 400, \"noise\": 0.05, \"seed\": 9}";
        Reply first = api.send("POST", "/api/v1/datasets/generate", request, "X-API-Key", key,
                "Content-Type", "application/json");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("rows").asLong()).isEqualTo(400);
        assertThat(first.json().path("source").asString()).isEqualTo("generated");
        assertThat(first.json().path("schema").path("classBalance").path("0").asLong()).isEqualTo(200);
        Reply again = api.send("POST", "/api/v1/datasets/generate", request, "X-API-Key", key,
                "Content-Type", "application/json");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());

        Reply sine = api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"sine\"}", "X-API-Key", key,
                "Content-Type", "application/json");
        assertThat(sine.json().path("task").asString()).isEqualTo("regression");
        assertThat(sine.json().path("rows").asLong()).isEqualTo(500);
    }

    @Test
    void badGenerateRequestsAreExplained() {
        JsonNode tooFew = assertProblem(api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"xor\", \"samples\": 5}",
                "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(tooFew.path("errors").get(0).path("field").asString()).isEqualTo("samples");
        JsonNode unknown = assertProblem(api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"donut\"}",
                "X-API-Key", key, "Content-Type", "application/json"), 400, "malformed-body");
        assertThat(unknown.path("detail").asString()).contains("spirals", "donut");
    }

    @Test
    void storedAndBuiltInDatasetsLoadBackForTraining() throws IOException {
        DatasetService service = context.getBean(DatasetService.class);
        LabeledData iris = service.load(owner, "builtin:iris");
        assertThat(iris.rows()).isEqualTo(150);
        assertThat(iris.featureCount()).isEqualTo(4);
        assertThat(iris.labels()).contains("setosa", "versicolor", "virginica");
        assertThat(service.load(owner, "builtin:digits").image()).isEqualTo(new ImageShape(8, 8, 1));

        String content = csv(owner + "load");
        String id = api.multipart("/api/v1/datasets", Map.of(), "load.csv", content.getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key).json().path("id").asString();
        LabeledData loaded = service.load(owner, id);
        assertThat(loaded.rows()).isEqualTo(31);
        assertThat(loaded.features()).startsWith(0, 0, 1, 0.5);
        assertThat(loaded.labels().get(0)).isEqualTo("a");
        assertThat(Preparation.prepare(loaded, new SplitSpec(0.2, 0.2, true, 1)).train().rows()).isEqualTo(19);
    }

    @Test
    void categoricalFeaturesAreOneHotEncodedWhenLoaded() throws IOException {
        String content = "size,color,label\n" + "1,red,a\n2,blue,b\n3,red,a\n4,,b\n5,green,a\n6,blue,b\n7,red,a\n8,green,b\n"
                + "9,red,a\n10,blue,b\n" + owner.length() + ",red,a\n";
        Reply created = api.multipart("/api/v1/datasets", Map.of("categorical", "color"), "colors.csv",
                content.getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        LabeledData loaded = context.getBean(DatasetService.class).load(owner, created.json().path("id").asString());
        assertThat(loaded.featureNames()).containsExactly("size", "color=blue", "color=green", "color=red");
        assertThat(loaded.features()).startsWith(1, 0, 0, 1, 2, 1, 0, 0);
        // line 5 has no color: all its one-hot columns are 0
        assertThat(Arrays.copyOfRange(loaded.features(), 12, 16)).containsExactly(4, 0, 0, 0);
    }
}

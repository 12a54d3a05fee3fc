package dev.trainyard.dataset;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.trainyard.engine.data.ImageShape;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.security.TestKeys;
import dev.trainyard.support.ApiClient;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import tools.jackson.databind.JsonNode;

/**
 * Datasets through the API, on H2 ({@link DatasetH2IT}) and PostgreSQL ({@link DatasetPostgresIT}). The limits are
 * lowered so that the scenarios reach them with small files: one upload at a time, 1 MB per multipart request,
 * 4,000,000 bytes of CSV text.
 */
@TestPropertySource(properties = {"trainyard.datasets.max-concurrent-uploads=1", "trainyard.datasets.max-bytes=4000000",
        "spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=1MB"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class DatasetScenarios extends ApiScenarios {

    private static final String UPLOADS = "/api/v1/datasets";

    @MockitoSpyBean
    DatasetFiles files;

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
        assertThat(description).contains("Limits on this server", "4,000,000 bytes", "2,000,000 rows", "2,000 columns",
                "1,024 characters per field", "1 upload(s) at once");
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
        JsonNode problem = assertProblem(api.multipart("/api/v1/datasets", Map.of(), "two.csv.gz",
                gzip(content.getBytes(StandardCharsets.UTF_8)),
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
        JsonNode longName = assertProblem(api.multipart("/api/v1/datasets", Map.of("name", "n".repeat(201)), "x.csv",
                csv(owner + "n").getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "invalid-dataset");
        assertThat(longName.path("detail").asString()).contains("name is longer than 200 characters");
        assertProblem(api.multipart("/api/v1/datasets", Map.of("categorical", "c,".repeat(2001)), "x.csv",
                csv(owner + "c").getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "invalid-dataset");
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

        Reply imbalanced = api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"moons\", \"samples\": 300, "
                + "\"imbalance\": 5}", "X-API-Key", key, "Content-Type", "application/json");
        assertThat(imbalanced.status()).as(imbalanced.body()).isEqualTo(201);
        assertThat(imbalanced.json().path("rows").asLong()).isEqualTo(300);
        assertThat(imbalanced.json().path("schema").path("classBalance").path("1").asLong()).as("300 / 6").isEqualTo(50);
        assertThat(imbalanced.json().path("name").asString()).contains("imbalance 5.0");
    }

    @Test
    void aSampleShowsRowsSpreadOverTheDatasetAsTrainingReadsThemToItsOwnerOnly() {
        Reply iris = api.get("/api/v1/datasets/builtin:iris/sample?rows=3", "X-API-Key", key);
        assertThat(iris.status()).as(iris.body()).isEqualTo(200);
        assertThat(iris.json().path("columns").toString()).isEqualTo(
                "[\"sepal_length_cm\",\"sepal_width_cm\",\"petal_length_cm\",\"petal_width_cm\",\"species\"]");
        assertThat(iris.json().path("datasetRows").asInt()).isEqualTo(150);
        // rows 0, 74 and 149 of the CSV: the first and last included
        assertThat(iris.json().path("rows").get(0).toString()).isEqualTo("[5.1,3.5,1.4,0.2,\"setosa\"]");
        assertThat(iris.json().path("rows").get(2).toString()).isEqualTo("[5.9,3.0,5.1,1.8,\"virginica\"]");
        assertThat(iris.json().path("rows")).hasSize(3);

        assertProblem(api.get("/api/v1/datasets/builtin:iris/sample?rows=0", "X-API-Key", key), 400, "validation-failed");
        assertProblem(api.get("/api/v1/datasets/builtin:iris/sample?rows=5001", "X-API-Key", key), 400,
                "validation-failed");
        Reply generated = api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"xor\", \"samples\": 40}",
                "X-API-Key", key, "Content-Type", "application/json");
        String id = generated.json().path("id").asString();
        assertThat(api.get("/api/v1/datasets/" + id + "/sample?rows=1000", "X-API-Key", key).json().path("rows"))
                .as("no more rows than it has").hasSize(40);
        connectAs("someone-else");
        assertProblem(api.get("/api/v1/datasets/" + id + "/sample", "X-API-Key", key), 404, "not-found");
    }

    @Test
    void badGenerateRequestsAreExplained() {
        JsonNode tooFew = assertProblem(api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"xor\", \"samples\": 5}",
                "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(tooFew.path("errors").get(0).path("field").asString()).isEqualTo("samples");
        JsonNode unknown = assertProblem(api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"donut\"}",
                "X-API-Key", key, "Content-Type", "application/json"), 400, "malformed-body");
        assertThat(unknown.path("detail").asString()).contains("spirals", "donut");
        JsonNode regression = assertProblem(api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"sine\", "
                + "\"imbalance\": 3}", "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(regression.path("errors").get(0).path("field").asString()).isEqualTo("imbalance");
        assertThat(regression.path("detail").asString()).contains("classification kinds only", "sine");
        JsonNode below = assertProblem(api.send("POST", "/api/v1/datasets/generate", "{\"kind\": \"xor\", "
                + "\"imbalance\": 0.5}", "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(below.path("errors").get(0).path("field").asString()).isEqualTo("imbalance");
        JsonNode inline = assertProblem(api.send("POST", "/api/v1/jobs", "{\"dataset\": {\"generate\": {\"kind\": "
                + "\"linear\", \"imbalance\": 2}}, \"model\": {\"layers\": []}}", "X-API-Key", key, "Content-Type",
                "application/json"), 400, "validation-failed");
        assertThat(inline.path("errors").get(0).path("field").asString()).isEqualTo("dataset.generate.imbalance");
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

    @Test
    void anUploadIsCheckedWithNoTransactionAndNoConnectionHeld() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        doAnswer(check -> {
            seen.add("transaction " + TransactionSynchronizationManager.isActualTransactionActive() + ", resources "
                    + TransactionSynchronizationManager.getResourceMap().keySet());
            return check.callRealMethod();
        }).when(files).check(any(), any());

        Reply created = api.multipart(UPLOADS, Map.of(), "quiet.csv", csv(owner + "quiet").getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(seen).containsExactly("transaction false, resources []");
    }

    @Test
    void truncatedOrCorruptGzipIsAnInvalidDataset() throws IOException {
        byte[] whole = gzip(csv(owner + "gz").getBytes(StandardCharsets.UTF_8));
        JsonNode truncated = assertProblem(api.multipart(UPLOADS, Map.of(), "cut.csv.gz",
                Arrays.copyOf(whole, whole.length / 2), "X-API-Key", key), 400, "invalid-dataset");
        assertThat(truncated.path("detail").asString()).contains("gzip-compressed but ends before the end");
        byte[] corrupt = whole.clone();
        corrupt[corrupt.length - 6] ^= 0x55;
        JsonNode bad = assertProblem(api.multipart(UPLOADS, Map.of(), "bad.csv.gz", corrupt, "X-API-Key", key), 400,
                "invalid-dataset");
        assertThat(bad.path("detail").asString()).contains("gzip-compressed but is corrupt");
    }

    @Test
    void malformedMultipartBodiesAreExplained() {
        byte[] whole = ApiClient.multipartBody(Map.of(), "x.csv", csv(owner + "mp").getBytes(StandardCharsets.UTF_8));
        JsonNode cut = assertProblem(api.post(UPLOADS, ApiClient.MULTIPART, Arrays.copyOf(whole, whole.length - 30),
                "X-API-Key", key), 400, "malformed-body");
        assertThat(cut.path("detail").asString()).contains("ends before its closing boundary");
        JsonNode noBoundary = assertProblem(api.post(UPLOADS, "multipart/form-data", whole, "X-API-Key", key), 400,
                "malformed-body");
        assertThat(noBoundary.path("detail").asString()).contains("has no boundary parameter");
        JsonNode noParts = assertProblem(api.post(UPLOADS, ApiClient.MULTIPART,
                "no boundary line at all".getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400, "invalid-request");
        assertThat(noParts.path("detail").asString()).contains("no file part named 'file'", "boundary");
        byte[] fieldsOnly = ("--trainyard-test-boundary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n"
                + "--trainyard-test-boundary--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode noFile = assertProblem(api.post(UPLOADS, ApiClient.MULTIPART, fieldsOnly, "X-API-Key", key), 400,
                "invalid-request");
        assertThat(noFile.path("detail").asString()).contains("no file part named 'file'");
        Map<String, String> fields = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            fields.put("field" + i, "x");
        }
        JsonNode tooMany = assertProblem(api.post(UPLOADS, ApiClient.MULTIPART,
                ApiClient.multipartBody(fields, "x.csv", new byte[10]), "X-API-Key", key), 413, "payload-too-large");
        assertThat(tooMany.path("detail").asString()).contains("more parts than this server accepts");
        byte[] longHeader = ("--trainyard-test-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + "x".repeat(2000) + "\"\r\n\r\na,b\r\n--trainyard-test-boundary--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode header = assertProblem(api.post(UPLOADS, ApiClient.MULTIPART, longHeader, "X-API-Key", key), 413,
                "payload-too-large");
        assertThat(header.path("detail").asString()).contains("headers of a part", "max-part-header-size");
    }

    @Test
    void aFileOverTheMultipartLimitIsPayloadTooLarge() {
        byte[] big = "0,1\n".repeat(300_000).getBytes(StandardCharsets.UTF_8);
        JsonNode problem = assertProblem(api.multipart(UPLOADS, Map.of(), "big.csv", big, "X-API-Key", key), 413,
                "payload-too-large");
        assertThat(problem.path("detail").asString()).contains("1048576 bytes", "spring.servlet.multipart.max-file-size");
    }

    @Test
    void aGzipBombStopsAtTheTextLimit() throws IOException {
        byte[] rows = "0,1\n".repeat(1 << 18).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write("a,b\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 256; i++) {
                gzip.write(rows);
            }
        }
        JsonNode problem = assertProblem(api.multipart(UPLOADS, Map.of(), "bomb.csv.gz", bomb.toByteArray(),
                "X-API-Key", key), 413, "payload-too-large");
        assertThat(problem.path("detail").asString()).contains("more than 4000000 bytes", "trainyard.datasets.max-bytes");
        JsonNode zeros = assertProblem(api.multipart(UPLOADS, Map.of(), "zeros.csv",
                ("a,b\n" + "0".repeat(5000) + ",1\n").getBytes(StandardCharsets.UTF_8), "X-API-Key", key), 400,
                "invalid-dataset");
        assertThat(zeros.path("detail").asString()).contains("column 1 ('a') on line 2 is longer than 1024 characters");
    }

    @Test
    void anUploadBeyondTheNodesLimitIsTurnedAwayWithRetryAfter() throws Exception {
        UploadPermits permits = context.getBean(UploadPermits.class);
        byte[] body = ApiClient.multipartBody(Map.of(), "held.csv", csv(owner + "held").getBytes(StandardCharsets.UTF_8));
        try (Socket held = new Socket("localhost", port)) {
            OutputStream out = held.getOutputStream();
            out.write(("POST " + UPLOADS + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key + "\r\nContent-Type: "
                    + ApiClient.MULTIPART + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, body.length - 10);
            out.flush();
            awaitPermits(permits, 0);

            Reply refused = api.multipart(UPLOADS, Map.of(), "second.csv",
                    csv(owner + "second").getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
            JsonNode problem = assertProblem(refused, 503, "uploads-busy");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(problem.path("detail").asString()).contains("trainyard.datasets.max-concurrent-uploads");

            out.write(body, body.length - 10, 10);
            out.flush();
            assertThat(new String(held.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.1 201");
        }
        awaitPermits(permits, 1);
        assertThat(api.multipart(UPLOADS, Map.of(), "third.csv", csv(owner + "third").getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key).status()).isEqualTo(201);
    }

    private static void awaitPermits(UploadPermits permits, int available) {
        await("%d free upload permit(s)".formatted(available)).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(permits.available()).isEqualTo(available));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }
}

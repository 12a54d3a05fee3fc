package dev.trainyard.job;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.trainyard.security.TestKeys;
import dev.trainyard.support.ApiClient;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deriving a job from another with a JSON Merge Patch (POST /api/v1/jobs/{id}/retry-with), on H2
 * ({@link RetryWithH2IT}) and PostgreSQL ({@link RetryWithPostgresIT}).
 */
abstract class RetryWithScenarios extends ApiScenarios {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a diagnosis suggests: a narrower layer, written out whole, and a higher learning rate. */
    private static final String PATCH = """
            {"model": {"layers": [{"type": "dense", "units": 32, "activation": "relu", "init": "he"}]},
             "training": {"optimizer": {"learningRate": 0.01}}}""";

    @BeforeEach
    void connect() {
        connectAs("derive");
    }

    private Reply retryWith(String id, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("X-API-Key", key, "Content-Type", "application/json"));
        all.addAll(List.of(headers));
        return api.send("POST", "/api/v1/jobs/" + id + "/retry-with", body, all.toArray(String[]::new));
    }

    private String derived(String id, String patch) {
        Reply reply = retryWith(id, "{\"patch\": " + patch + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().path("id").asString();
    }

    private JsonNode job(String id) {
        return api.get("/api/v1/jobs/" + id, "X-API-Key", key).json();
    }

    private List<String> listed(String query) {
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/jobs?" + query, "X-API-Key", key).json().forEach(job -> ids.add(job.path("id").asString()));
        return ids;
    }

    private long storedJobs() {
        return jdbc.queryForObject("select count(*) from job where owner = ?", Long.class, owner);
    }

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    @Test
    void aPatchedSpecIsQueuedAsANewJobThatShowsWhereItCameFrom() {
        String original = accepted("/api/v1/jobs", JobScenarios.DIGITS);

        Reply reply = retryWith(original, "{\"patch\": " + PATCH + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        String id = reply.json().path("id").asString();
        assertThat(id).isNotEqualTo(original);
        assertThat(reply.header("Location")).endsWith("/api/v1/jobs/" + id);
        assertThat(reply.json().path("status").asString()).isEqualTo("queued");
        assertThat(reply.json().path("derivedFrom").path("id").asString()).isEqualTo(original);

        JsonNode shown = job(id);
        assertThat(shown.path("spec")).isEqualTo(tree("""
                {"name": "digits-adam", "dataset": {"id": "builtin:digits"},
                 "model": {"layers": [{"type": "dense", "units": 32, "activation": "relu", "init": "he"}]},
                 "training": {"epochs": 30, "optimizer": {"type": "adam", "learningRate": 0.01}}}"""));
        assertThat(shown.path("name").asString()).isEqualTo("digits-adam");
        assertThat(shown.path("derivedFrom").path("id").asString()).isEqualTo(original);
        assertThat(shown.path("derivedFrom").path("patch")).isEqualTo(tree(PATCH));
        assertThat(job(original).has("derivedFrom")).as("the original is not derived").isFalse();
        assertThat(job(original).path("spec").path("model").path("layers").get(0).path("units").asInt()).isEqualTo(64);

        assertThat(listed("derivedFrom=" + original)).containsExactly(id);
        assertThat(listed("derivedFrom=" + original + "&param.training.optimizer.learningRate=0.01"))
                .containsExactly(id);
        assertThat(listed("derivedFrom=" + original + "&param.model.layers[0].units=64")).isEmpty();
        assertThat(listed("derivedFrom=" + id)).isEmpty();
        assertThat(listed("")).containsExactly(id, original);
        assertThat(api.get("/api/v1/jobs?derivedFrom=" + original, "X-API-Key", key).json().get(0).path("derivedFrom")
                .path("id").asString()).as("lists show it too").isEqualTo(original);
        assertProblem(api.get("/api/v1/jobs?derivedFrom=digits", "X-API-Key", key), 400, "invalid-request");
    }

    @Test
    void theDerivedJobsOfOneArePagedAndNamedByThePatchOrElseByTheOriginal() {
        String original = accepted("/api/v1/jobs", JobScenarios.DIGITS);
        String renamed = derived(original, "{\"name\": \"digits-wide\", \"model\": {\"layers\": [{\"type\": \"dense\", "
                + "\"units\": 128}]}}");
        String unnamed = derived(original, "{\"name\": null, \"training\": {\"epochs\": 10}}");
        String same = derived(original, "{}");
        accepted("/api/v1/jobs", JobScenarios.DIGITS);

        assertThat(job(renamed).path("name").asString()).isEqualTo("digits-wide");
        assertThat(job(unnamed).path("name").asString()).as("a patch that removes the name keeps the original's")
                .isEqualTo("digits-adam");
        assertThat(job(unnamed).path("spec").path("name").asString()).isEqualTo("digits-adam");
        assertThat(job(same).path("spec")).isEqualTo(job(original).path("spec"));
        assertThat(job(same).path("specHash").asString()).isEqualTo(job(original).path("specHash").asString());

        Reply first = api.get("/api/v1/jobs?derivedFrom=" + original + "&size=2", "X-API-Key", key);
        assertThat(ids(first.json())).containsExactly(same, unnamed);
        assertThat(first.header("X-Next-After")).isEqualTo(unnamed);
        Reply second = api.get("/api/v1/jobs?derivedFrom=" + original + "&size=2&after=" + unnamed, "X-API-Key", key);
        assertThat(ids(second.json())).containsExactly(renamed);
        assertThat(second.header("X-Next-After")).isNull();
        assertThat(listed("derivedFrom=" + original + "&sort=oldest")).containsExactly(renamed, unnamed, same);
        assertThat(listed("derivedFrom=" + original + "&name=digits-adam")).containsExactly(same, unnamed);
    }

    private static List<String> ids(JsonNode jobs) {
        List<String> ids = new ArrayList<>();
        jobs.forEach(job -> ids.add(job.path("id").asString()));
        return ids;
    }

    @Test
    void thePatchAppliesToTheSpecAsSentSoDefaultsFollowTheNewValues() {
        String original = accepted("/api/v1/jobs", """
                {"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 4}]},
                 "training": {"epochs": 5, "optimizer": {"type": "adam"}}}""");
        String id = derived(original, "{\"training\": {\"optimizer\": {\"type\": \"sgd\"}}}");
        assertThat(job(id).path("spec").path("training").path("optimizer")).isEqualTo(tree("{\"type\": \"sgd\"}"));
        assertThat(listed("param.training.optimizer.learningRate=0.01")).as("sgd's default, not adam's 0.001")
                .containsExactly(id);
        assertThat(listed("param.training.optimizer.learningRate=0.001")).containsExactly(original);
        assertThat(job(id).path("name").isMissingNode()).as("neither has a name").isTrue();
    }

    @Test
    void anotherOwnersJobOrAnUnknownIdIsNotFound() {
        String mine = accepted("/api/v1/jobs", JobScenarios.DIGITS);
        String strangerKey = TestKeys.user(context, "stranger-" + UUID.randomUUID().toString().substring(0, 8));
        ApiClient.Reply theirs = api.send("POST", "/api/v1/jobs", JobScenarios.DIGITS, "X-API-Key", strangerKey,
                "Content-Type", "application/json");
        String theirId = theirs.json().path("id").asString();

        assertProblem(retryWith(theirId, "{\"patch\": " + PATCH + "}"), 404, "not-found");
        assertProblem(retryWith(UUID.randomUUID().toString(), "{\"patch\": " + PATCH + "}"), 404, "not-found");
        assertProblem(retryWith("not-a-job", "{\"patch\": " + PATCH + "}"), 404, "not-found");
        assertThat(listed("derivedFrom=" + theirId)).as("nor can their jobs be listed by").isEmpty();
        assertThat(storedJobs()).isOne();
        assertThat(listed("")).containsExactly(mine);
    }

    @Test
    void aPatchThatMakesTheSpecInvalidIsRefusedWithEveryFieldOfThePatchedSpec() {
        String original = accepted("/api/v1/jobs", JobScenarios.DIGITS);

        JsonNode epochs = assertProblem(retryWith(original, "{\"patch\": {\"training\": {\"epochs\": 0}}}"), 400,
                "validation-failed");
        // the mapper names the engine's complaint under the part it builds, as for a submission
        assertThat(epochs.path("errors").findValuesAsString("field")).containsExactly("training");
        assertThat(epochs.path("errors").get(0).path("message").asString()).isEqualTo("epochs must be > 0, was 0");
        JsonNode submitted = assertProblem(api.send("POST", "/api/v1/jobs", JobScenarios.DIGITS.replace("\"epochs\": 30",
                "\"epochs\": 0"), "X-API-Key", key, "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(epochs.path("errors")).as("what POST /api/v1/jobs answers for the patched spec")
                .isEqualTo(submitted.path("errors"));
        assertThat(epochs.path("detail")).isEqualTo(submitted.path("detail"));

        JsonNode several = assertProblem(retryWith(original, """
                {"patch": {"model": {"layers": [{"type": "dense", "units": -4}, {"type": "dropout", "rate": 2}]},
                           "training": {"optimizer": {"learningRate": 0}}}}"""), 400, "validation-failed");
        assertThat(several.path("errors").findValuesAsString("field"))
                .containsExactly("model.layers[0]", "model.layers[1]", "training.optimizer");

        JsonNode noDataset = assertProblem(retryWith(original, "{\"patch\": {\"dataset\": null}}"), 400,
                "validation-failed");
        assertThat(noDataset.path("errors").findValuesAsString("field")).containsExactly("dataset.id");
        JsonNode unknownDataset = assertProblem(retryWith(original, "{\"patch\": {\"dataset\": {\"id\": "
                + "\"builtin:mnist\"}}}"), 400, "validation-failed");
        assertThat(unknownDataset.path("errors").findValuesAsString("field")).containsExactly("dataset.id");
        JsonNode huge = assertProblem(retryWith(original, "{\"patch\": {\"model\": {\"layers\": [{\"type\": \"dense\", "
                + "\"units\": 100000}]}}}"), 400, "validation-failed");
        assertThat(huge.path("detail").asString()).contains("parameters", "trainyard.jobs.max-parameters");

        JsonNode unknown = assertProblem(retryWith(original, "{\"patch\": {\"training\": {\"colour\": 1}}}"), 400,
                "malformed-body");
        assertThat(unknown.path("errors").findValuesAsString("field")).containsExactly("training.colour");
        JsonNode wrongType = assertProblem(retryWith(original, "{\"patch\": {\"model\": {\"layers\": [{\"type\": "
                + "\"dense\", \"units\": \"64\"}]}}}"), 400, "malformed-body");
        assertThat(wrongType.path("errors").findValuesAsString("field")).containsExactly("model.layers[0].units");
        JsonNode notASection = assertProblem(retryWith(original, "{\"patch\": {\"model\": \"mlp\"}}"), 400,
                "malformed-body");
        assertThat(notASection.path("errors").findValuesAsString("field")).containsExactly("model");
        assertThat(storedJobs()).isOne();
    }

    @Test
    void aBodyWithoutAnObjectPatchIsRefusedNamingPatch() {
        String original = accepted("/api/v1/jobs", JobScenarios.DIGITS);
        for (String body : List.of("{}", "{\"patch\": null}", "{\"patch\": [{\"training\": {\"epochs\": 5}}]}",
                "{\"patch\": \"epochs=5\"}", "{\"patch\": 5}", "{\"patch\": true}", "")) {
            JsonNode problem = assertProblem(retryWith(original, body), 400, "validation-failed");
            assertThat(problem.path("errors").findValuesAsString("field")).as(body).containsExactly("patch");
            assertThat(problem.path("detail").asString()).as(body).contains("patch", "{\"training\"");
        }
        assertThat(assertProblem(retryWith(original, "{\"patch\": [1]}"), 400, "validation-failed").path("detail")
                .asString()).contains("JSON object", "was an array");
        JsonNode extra = assertProblem(retryWith(original, "{\"patch\": {}, \"spec\": {}}"), 400, "malformed-body");
        assertThat(extra.path("errors").findValuesAsString("field")).containsExactly("spec");
        assertProblem(retryWith(original, "{\"patch\": {"), 400, "malformed-body");
        assertThat(storedJobs()).isOne();
    }

    @Test
    void anIdempotencyKeyMakesRetriesSafeAsForASubmission() {
        String original = accepted("/api/v1/jobs", JobScenarios.DIGITS);
        String first = retryWith(original, "{\"patch\": " + PATCH + "}", "Idempotency-Key", "derive-1").json()
                .path("id").asString();
        Reply again = retryWith(original, "{\"patch\": " + PATCH + "}", "Idempotency-Key", "derive-1");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("id").asString()).isEqualTo(first);
        JsonNode reused = assertProblem(retryWith(original, "{\"patch\": {\"training\": {\"epochs\": 5}}}",
                "Idempotency-Key", "derive-1"), 422, "idempotency-key-reused");
        assertThat(reused.path("detail").asString()).contains(first, "new key");
        assertProblem(retryWith(original, "{\"patch\": {}}", "Idempotency-Key", "k".repeat(201)), 400,
                "invalid-request");
        assertThat(storedJobs()).isEqualTo(2);
    }

    @Test
    void deletingTheOriginalKeepsTheDerivedJobAndItsPatch() {
        String original = accepted("/api/v1/jobs", JobScenarios.DIGITS);
        String id = derived(original, PATCH);
        String grandchild = derived(id, "{\"training\": {\"epochs\": 12}}");
        String etag = api.get("/api/v1/jobs/" + id, "X-API-Key", key).header("ETag");

        api.send("POST", "/api/v1/jobs/" + original + "/cancel", null, "X-API-Key", key);
        assertThat(api.send("DELETE", "/api/v1/jobs/" + original, null, "X-API-Key", key).status()).isEqualTo(204);

        Reply shown = api.get("/api/v1/jobs/" + id, "X-API-Key", key, "If-None-Match", etag);
        assertThat(shown.status()).as("what it shows changed").isEqualTo(200);
        JsonNode derivedFrom = shown.json().path("derivedFrom");
        assertThat(derivedFrom.has("id")).isTrue();
        assertThat(derivedFrom.path("id").isNull()).as(derivedFrom.toString()).isTrue();
        assertThat(derivedFrom.path("patch")).isEqualTo(tree(PATCH));
        assertThat(shown.json().path("spec").path("training").path("optimizer").path("learningRate").asDouble())
                .isEqualTo(0.01);
        assertThat(job(grandchild).path("derivedFrom").path("id").asString()).isEqualTo(id);
        assertThat(listed("derivedFrom=" + original)).isEmpty();
        assertThat(listed("derivedFrom=" + id)).containsExactly(grandchild);

        assertThat(derived(id, "{\"training\": {\"epochs\": 3}}")).as("a derived job can be derived from").isNotNull();
        api.send("POST", "/api/v1/jobs/" + id + "/cancel", null, "X-API-Key", key);
        assertThat(api.send("DELETE", "/api/v1/jobs/" + id, null, "X-API-Key", key).status()).isEqualTo(204);
        assertThat(job(grandchild).path("derivedFrom").path("id").isNull()).isTrue();
        assertThat(storedJobs()).isEqualTo(2);
    }

    @Test
    void theSchemaDocumentsTheEndpointAndTheLink() {
        JsonNode docs = api.get("/v3/api-docs").json();
        JsonNode post = docs.path("paths").path("/api/v1/jobs/{id}/retry-with").path("post");
        assertThat(post.path("summary").asString()).contains("JSON Merge Patch");
        assertThat(post.path("description").asString()).contains("RFC 7396", "as it was sent", "Idempotency-Key");
        JsonNode schemas = docs.path("components").path("schemas");
        assertThat(schemas.path("RetryWithRequest").path("properties").path("patch").path("description").asString())
                .contains("RFC 7396", "replaced whole");
        assertThat(schemas.path("JobResponse").path("properties").has("derivedFrom")).isTrue();
        assertThat(schemas.path("DerivedFrom").path("properties").path("id").path("description").asString())
                .contains("null once that job was deleted");
        assertThat(docs.path("paths").path("/api/v1/jobs").path("get").path("parameters").findValuesAsString("name"))
                .contains("derivedFrom");
    }
}

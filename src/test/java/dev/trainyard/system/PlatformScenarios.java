package dev.trainyard.system;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.trainyard.security.TestKeys;
import dev.trainyard.support.ApiClient;
import dev.trainyard.support.ApiClient.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The platform as a user meets it: schema, health, docs, metrics, engine info, and a problem for
 * every kind of bad request. Runs on H2 ({@link PlatformH2IT}) and PostgreSQL ({@link PlatformPostgresIT}).
 */
abstract class PlatformScenarios {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Flyway flyway;

    ApiClient api;
    String adminKey;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        adminKey = TestKeys.admin(context);
    }

    @Test
    void everyMigrationOnTheClasspathIsApplied() throws IOException {
        int scripts = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(scripts).isPositive();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(applied).hasSize(scripts).allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
    }

    @Test
    void healthAndItsProbesArePublicAndUp() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.json().path("status").asString()).as(path).isEqualTo("UP");
        }
    }

    @Test
    void openApiDocumentHasTitleVersionAndBothKeySchemes() {
        JsonNode docs = api.get("/v3/api-docs").json();
        assertThat(docs.path("info").path("title").asString()).isEqualTo("Trainyard API");
        assertThat(docs.path("info").path("version").asString()).isNotBlank();
        assertThat(docs.path("info").path("description").asString()).contains("API key");
        JsonNode schemes = docs.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("apiKey").path("name").asString()).isEqualTo("X-API-Key");
        assertThat(docs.path("paths").has("/api/v1/keys")).isTrue();
    }

    @Test
    void swaggerUiIsPublic() {
        Reply redirect = api.get("/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).contains("/swagger-ui/index.html");
        Reply page = api.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Swagger UI");
    }

    @Test
    void prometheusMetricsAreServed() {
        Reply reply = api.get("/actuator/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
    }

    @Test
    void infoReportsTheWarmedUpEngine() {
        JsonNode engine = api.get("/actuator/info").json().path("engine");
        assertThat(engine.path("backend").asString()).isEqualTo("CPU");
        assertThat(engine.path("blasVendor").asString()).isEqualTo("OPENBLAS");
        assertThat(engine.path("blasThreads").asInt()).isPositive();
        assertThat(engine.path("warmUpMillis").isNumber()).isTrue();
        assertThat(engine.path("vectorKernels").asBoolean()).isTrue();
    }

    @Test
    void unknownRouteIsANotFoundProblem() {
        JsonNode problem = assertProblem(api.get("/api/v1/nothing-here", "X-API-Key", adminKey), 404, "not-found");
        assertThat(problem.path("detail").asString()).contains("GET /api/v1/nothing-here", "/swagger-ui.html");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/nothing-here");
    }

    @Test
    void unknownRouteOutsideTheApiIsAProblemEvenForABrowser() {
        assertProblem(api.get("/no/such/page", "Accept", "text/html"), 404, "not-found");
    }

    @Test
    void wrongMethodIsAMethodNotAllowedProblemWithAllow() {
        Reply reply = api.send("PUT", "/api/v1/me", "{}", "X-API-Key", adminKey, "Content-Type", "application/json");
        JsonNode problem = assertProblem(reply, 405, "method-not-allowed");
        assertThat(reply.header("Allow")).contains("GET");
        assertThat(problem.path("detail").asString()).contains("PUT", "GET");
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        Reply reply = api.send("POST", "/api/v1/keys", "{\"owner\": \"bob\",\n \"name\": }",
                "X-API-Key", adminKey, "Content-Type", "application/json");
        JsonNode problem = assertProblem(reply, 400, "malformed-body");
        assertThat(problem.path("detail").asString()).contains("not valid JSON", "line 2").doesNotContain("Source");
    }

    @Test
    void missingBodyIsAMalformedBodyProblem() {
        Reply reply = api.send("POST", "/api/v1/keys", null, "X-API-Key", adminKey, "Content-Type", "application/json");
        assertProblem(reply, 400, "malformed-body");
    }

    @Test
    void unknownFieldIsRejectedAndNamed() {
        Reply reply = api.send("POST", "/api/v1/keys", "{\"owner\": \"bob\", \"rolle\": \"user\"}",
                "X-API-Key", adminKey, "Content-Type", "application/json");
        JsonNode problem = assertProblem(reply, 400, "malformed-body");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("rolle");
        assertThat(problem.path("detail").asString()).contains("owner", "role");
    }

    @Test
    void invalidEnumValueListsTheAllowedOnes() {
        Reply reply = api.send("POST", "/api/v1/keys", "{\"owner\": \"bob\", \"role\": \"boss\"}",
                "X-API-Key", adminKey, "Content-Type", "application/json");
        JsonNode problem = assertProblem(reply, 400, "malformed-body");
        assertThat(problem.path("detail").asString()).contains("role", "admin, user", "boss");
    }

    @Test
    void validationFailuresListEveryField() {
        Reply reply = api.send("POST", "/api/v1/keys", "{\"owner\": \"Not Valid!\", \"name\": \"" + "x".repeat(101) + "\"}",
                "X-API-Key", adminKey, "Content-Type", "application/json");
        JsonNode problem = assertProblem(reply, 400, "validation-failed");
        assertThat(problem.path("errors")).hasSize(2);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(problem.path("errors").get(1).path("field").asString()).isEqualTo("owner");
        assertThat(problem.path("errors").get(1).path("message").asString()).contains("lower-case", "Not Valid!");
    }

    @Test
    void unsupportedMediaTypeSaysWhatToSend() {
        Reply reply = api.send("POST", "/api/v1/keys", "owner=bob", "X-API-Key", adminKey,
                "Content-Type", "application/x-www-form-urlencoded");
        JsonNode problem = assertProblem(reply, 415, "unsupported-media-type");
        assertThat(problem.path("detail").asString()).contains("application/json");
    }

    @Test
    void wrongJsonTypesAreNotSilentlyConverted() {
        Reply number = api.send("POST", "/api/v1/keys", "{\"owner\": 5}",
                "X-API-Key", adminKey, "Content-Type", "application/json");
        JsonNode problem = assertProblem(number, 400, "malformed-body");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("owner");
        assertThat(problem.path("detail").asString()).contains("JSON string");
        Reply object = api.send("POST", "/api/v1/keys", "{\"owner\": {\"name\": \"bob\"}}",
                "X-API-Key", adminKey, "Content-Type", "application/json");
        assertThat(assertProblem(object, 400, "malformed-body").path("detail").asString()).contains("owner", "string");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejectedWithoutNamingInternals() {
        Reply reply = api.send("POST", "/api/v1/keys", "[1, 2]", "X-API-Key", adminKey, "Content-Type",
                "application/json");
        JsonNode problem = assertProblem(reply, 400, "malformed-body");
        assertThat(problem.path("detail").asString()).contains("JSON object").doesNotContain("dev.trainyard");
    }

    @Test
    void aMalformedAcceptHeaderIsAProblemWithABodyOnEveryPath() {
        for (String accept : List.of("foo", "*/*;q=bad", "application/json;;;=")) {
            assertProblem(api.get("/api/v1/keys/nope", "X-API-Key", adminKey, "Accept", accept), 400, "invalid-request");
            assertProblem(api.send("POST", "/api/v1/keys", "{", "X-API-Key", adminKey, "Content-Type",
                    "application/json", "Accept", accept), 400, "invalid-request");
            JsonNode anonymous = assertProblem(api.get("/api/v1/me", "Accept", accept), 400, "invalid-request");
            assertThat(anonymous.path("detail").asString()).contains("Accept", "application/json");
        }
        assertProblem(api.get("/api/v1/keys/" + UUID.randomUUID(), "X-API-Key", adminKey, "Accept",
                "application/xml"), 404, "not-found");
    }

    @Test
    void aUrlTomcatCannotParseIsStillAProblem() {
        assertProblem(api.rawGet("/api/v1/keys/%zz"), 400, "invalid-request");
        assertProblem(api.rawGet("/api/v1/me%00"), 400, "invalid-request");
    }

    @Test
    void malformedPathVariableIsAnInvalidRequestProblem() {
        JsonNode problem = assertProblem(api.get("/api/v1/keys/not-a-uuid", "X-API-Key", adminKey), 400,
                "invalid-request");
        assertThat(problem.path("detail").asString()).contains("not-a-uuid", "UUID");
    }
}

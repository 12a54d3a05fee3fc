package dev.trainyard.support;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every error answer of the API must look like (RFC 9457), checked in one place. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Asserts a problem of the given status and kind, and returns its body for further checks. */
    public static JsonNode assertProblem(ApiClient.Reply reply, int status, String kind) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asString()).isEqualTo("https://trainyard.dev/problems/" + kind);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank().doesNotContain("Exception");
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "\tat ", "java.", "org.springframework");
        return problem;
    }
}

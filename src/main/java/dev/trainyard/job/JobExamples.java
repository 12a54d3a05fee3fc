package dev.trainyard.job;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import dev.trainyard.system.OperationExamples;
import io.swagger.v3.oas.models.OpenAPI;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job specs shipped under {@code classpath:examples/} (one per idea of docs/concepts.md), offered as named,
 * runnable examples of {@code POST /api/v1/jobs} in Swagger UI.
 */
@Component
class JobExamples implements OpenApiCustomizer {

    private final JsonMapper json;

    JobExamples(JsonMapper json) {
        this.json = json;
    }

    /** Example name (the file name without .json) to its spec. */
    static Map<String, String> load() {
        return OperationExamples.load("examples");
    }

    @Override
    public void customise(OpenAPI openApi) {
        OperationExamples.attach(openApi, "/api/v1/jobs", load(), json);
    }
}

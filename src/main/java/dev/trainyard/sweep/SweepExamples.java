package dev.trainyard.sweep;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import dev.trainyard.system.OperationExamples;
import io.swagger.v3.oas.models.OpenAPI;
import tools.jackson.databind.json.JsonMapper;

/** The sweeps shipped under {@code classpath:examples/sweeps/}, offered in Swagger UI for starting and previewing. */
@Component
class SweepExamples implements OpenApiCustomizer {

    private final JsonMapper json;

    SweepExamples(JsonMapper json) {
        this.json = json;
    }

    static Map<String, String> load() {
        return OperationExamples.load("examples/sweeps");
    }

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, String> examples = load();
        OperationExamples.attach(openApi, "/api/v1/sweeps", examples, json);
        OperationExamples.attach(openApi, "/api/v1/sweeps/preview", examples, json);
    }
}

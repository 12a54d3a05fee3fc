package dev.trainyard.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job specs shipped under {@code classpath:examples/} (one per idea of docs/concepts.md), offered as named,
 * runnable examples of {@code POST /api/v1/jobs} in Swagger UI.
 */
@Component
class JobExamples implements OpenApiCustomizer {

    private final JsonMapper json;
    private final Map<String, String> examples;

    JobExamples(JsonMapper json) {
        this.json = json;
        this.examples = load();
    }

    /** Example name (the file name without .json) to its spec. */
    static Map<String, String> load() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:examples/*.json");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            Map<String, String> loaded = new LinkedHashMap<>();
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    loaded.put(file.getFilename().replace(".json", ""), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/jobs");
        Operation submit = path == null ? null : path.getPost();
        MediaType body = submit == null || submit.getRequestBody() == null ? null
                : submit.getRequestBody().getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        if (body != null) {
            examples.forEach((name, spec) -> body.addExamples(name, new Example().summary(name)
                    .value(json.readValue(spec, Object.class))));
        }
    }
}

package dev.trainyard.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies shipped as JSON files, offered by name as runnable examples of POST operations in Swagger UI: a
 * feature extends this with its folder and the paths of its POST operations.
 */
public abstract class OperationExamples implements OpenApiCustomizer {

    private final JsonMapper json;
    private final String folder;
    private final List<String> paths;

    protected OperationExamples(JsonMapper json, String folder, String... paths) {
        this.json = json;
        this.folder = folder;
        this.paths = List.of(paths);
    }

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, String> examples = load(folder);
        paths.forEach(path -> attach(openApi, path, examples, json));
    }

    /** The {@code *.json} files of a classpath folder: name (without .json) to content, in name order. */
    public static Map<String, String> load(String folder) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:" + folder + "/*.json");
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

    /** Adds the examples to the JSON request body of {@code POST path}, if the document has that operation. */
    private static void attach(OpenAPI openApi, String path, Map<String, String> examples, JsonMapper json) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation post = item == null ? null : item.getPost();
        MediaType body = post == null || post.getRequestBody() == null ? null
                : post.getRequestBody().getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        if (body != null) {
            examples.forEach((name, content) -> body.addExamples(name, new Example().summary(name)
                    .value(json.readValue(content, Object.class))));
        }
    }
}

package dev.trainyard.model;

import java.util.Locale;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;

/** Shows this node's prediction limit, with its value, in the prediction operations' documentation. */
@Component
class ModelApiDocs implements OpenApiCustomizer {

    private final ModelProperties limits;

    ModelApiDocs(ModelProperties limits) {
        this.limits = limits;
    }

    @Override
    public void customise(OpenAPI openApi) {
        PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/jobs/{id}/predictions");
        if (path != null && path.getPost() != null) {
            path.getPost().setDescription(path.getPost().getDescription() + String.format(Locale.ROOT,
                    "%n%nLimits on this server: at most %,d rows per request (trainyard.models.max-rows).",
                    limits.maxRows()));
        }
    }
}

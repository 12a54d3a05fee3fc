package dev.trainyard.dataset;

import java.util.Locale;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

/** Shows this node's configured upload limits, with their values, in the upload operation's documentation. */
@Component
class DatasetApiDocs implements OpenApiCustomizer {

    private final DatasetLimits limits;

    DatasetApiDocs(DatasetLimits limits) {
        this.limits = limits;
    }

    @Override
    public void customise(OpenAPI openApi) {
        PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/datasets");
        Operation upload = path == null ? null : path.getPost();
        if (upload != null) {
            upload.setDescription(upload.getDescription() + String.format(Locale.ROOT,
                    "%n%nLimits on this server: at most %,d bytes of CSV text (after decompression), %,d rows and %,d "
                            + "columns, %,d characters per field; at least %,d rows; %d upload(s) at once.",
                    limits.maxBytes(), limits.maxRows(), limits.maxColumns(), limits.maxFieldChars(), limits.minRows(),
                    limits.maxConcurrentUploads()));
        }
    }
}

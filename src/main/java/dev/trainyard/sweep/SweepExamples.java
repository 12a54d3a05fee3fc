package dev.trainyard.sweep;

import org.springframework.stereotype.Component;

import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.json.JsonMapper;

/** The sweeps shipped under {@code classpath:examples/sweeps/}, offered in Swagger UI for starting and previewing. */
@Component
class SweepExamples extends OperationExamples {

    static final String FOLDER = "examples/sweeps";

    SweepExamples(JsonMapper json) {
        super(json, FOLDER, "/api/v1/sweeps", "/api/v1/sweeps/preview");
    }
}

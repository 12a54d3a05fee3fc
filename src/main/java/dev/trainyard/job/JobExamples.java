package dev.trainyard.job;

import org.springframework.stereotype.Component;

import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job specs shipped under {@code classpath:examples/} (one per idea of docs/concepts.md), offered as named,
 * runnable examples of {@code POST /api/v1/jobs} in Swagger UI.
 */
@Component
class JobExamples extends OperationExamples {

    static final String FOLDER = "examples";

    JobExamples(JsonMapper json) {
        super(json, FOLDER, "/api/v1/jobs");
    }
}

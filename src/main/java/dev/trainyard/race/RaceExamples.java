package dev.trainyard.race;

import org.springframework.stereotype.Component;

import dev.trainyard.system.OperationExamples;
import tools.jackson.databind.json.JsonMapper;

/** The races shipped under {@code classpath:examples/races/}, offered in Swagger UI for starting one. */
@Component
class RaceExamples extends OperationExamples {

    static final String FOLDER = "examples/races";

    RaceExamples(JsonMapper json) {
        super(json, FOLDER, "/api/v1/races");
    }
}

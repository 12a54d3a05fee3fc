package dev.trainyard.sweep;

import static dev.trainyard.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import tools.jackson.databind.JsonNode;

/** Sweeps through the API, on H2 ({@link SweepH2IT}) and PostgreSQL ({@link SweepPostgresIT}). */
abstract class SweepScenarios extends ApiScenarios {

    static final String TEMPLATE = """
            {"dataset": {"id": "builtin:digits"},
             "model": {"layers": [{"type": "dense", "units": 32, "activation": "relu"}, {"type": "dropout", "rate": 0.1}]},
             "training": {"epochs": 5, "optimizer": {"type": "adam", "learningRate": 0.001}}}
            """;

    @BeforeEach
    void connect() {
        connectAs("sweeps");
    }

    private Reply preview(String parameters, String rest) {
        return api.send("POST", "/api/v1/sweeps/preview", "{\"template\": " + TEMPLATE + ", \"parameters\": " + parameters
                + rest + "}", "X-API-Key", key, "Content-Type", "application/json");
    }

    private JsonNode invalid(String parameters, String rest) {
        return assertProblem(preview(parameters, rest), 400, "validation-failed");
    }

    @Test
    void aGridPreviewCountsEveryCombinationAndShowsTheFirstTrials() {
        Reply reply = preview("""
                [{"path": "training.optimizer.type", "values": ["sgd", "adam"]},
                 {"path": "training.optimizer.learningRate", "min": 0.001, "max": 0.1, "scale": "log", "count": 3}]
                """, "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode preview = reply.json();
        assertThat(preview.path("algorithm").asString()).isEqualTo("grid");
        assertThat(preview.path("trials").asInt()).isEqualTo(6);
        assertThat(preview.path("gridSize").asInt()).isEqualTo(6);
        assertThat(preview.path("first")).hasSize(5);
        JsonNode fourth = preview.path("first").get(3);
        assertThat(fourth.path("parameters").path("training.optimizer.type").asString()).isEqualTo("adam");
        assertThat(fourth.path("spec").path("training").path("optimizer").path("type").asString()).isEqualTo("adam");
        assertThat(fourth.path("spec").path("training").path("optimizer").path("learningRate").asDouble())
                .isCloseTo(0.001, within(1e-12));
        assertThat(fourth.path("spec").path("model").path("layers").get(0).path("units").asInt()).isEqualTo(32);
    }

    @Test
    void aRandomPreviewIsReproducibleFromItsSeed() {
        String parameters = """
                [{"path": "training.optimizer.learningRate", "min": 0.0001, "max": 0.1, "scale": "log"},
                 {"path": "model.layers[0].units", "min": 8, "max": 64, "scale": "integer"},
                 {"path": "model.layers[1].rate", "min": 0.0, "max": 0.5}]
                """;
        String search = ", \"algorithm\": {\"type\": \"random\", \"seed\": 11}, \"limits\": {\"maxTrials\": 12}";
        JsonNode first = preview(parameters, search).json();
        assertThat(first.path("trials").asInt()).isEqualTo(12);
        assertThat(first.path("gridSize").isMissingNode() || first.path("gridSize").isNull()).isTrue();
        assertThat(preview(parameters, search).json().path("first")).isEqualTo(first.path("first"));
        for (JsonNode trial : first.path("first")) {
            assertThat(trial.path("parameters").path("model.layers[0].units").asInt()).isBetween(8, 64);
            assertThat(trial.path("spec").path("model").path("layers").get(1).path("rate").asDouble()).isBetween(0.0, 0.5);
        }
        assertThat(preview(parameters, search.replace("11", "12")).json().path("first")).isNotEqualTo(first.path("first"));
    }

    @Test
    void everyBadSweepIsExplainedByTheParameterAtFault() {
        assertThat(invalid("""
                [{"path": "model.layers[0].units", "values": [8, 16, 32, 64, 128, 256, 512]},
                 {"path": "training.optimizer.learningRate", "min": 0.0001, "max": 0.1, "scale": "log", "count": 30}]
                """, "").path("errors").findValuesAsString("field")).containsExactly("parameters");
        assertThat(invalid("[{\"path\": \"training.optimizer.learningRate\", \"min\": 0.001, \"max\": 0.1}]", "")
                .path("errors").findValuesAsString("field")).containsExactly("parameters[0].count");
        assertThat(invalid("[{\"path\": \"training.optimizer.learningRate\", \"min\": 0, \"max\": 0.1, \"scale\": \"log\","
                + " \"count\": 3}]", "").path("errors").findValuesAsString("field")).containsExactly("parameters[0].min");
        JsonNode missing = invalid("[{\"path\": \"model.layers[5].units\", \"values\": [8]}]", "");
        assertThat(missing.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(missing.path("detail").asString()).contains("element 5");
        JsonNode wrongType = invalid("[{\"path\": \"model.layers[0].units\", \"values\": [16, \"many\"]}]", "");
        assertThat(wrongType.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(wrongType.path("detail").asString()).contains("trial 1");
        JsonNode unknownField = invalid("[{\"path\": \"training.optimizer.speed\", \"values\": [1]}]", "");
        assertThat(unknownField.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        JsonNode badValue = invalid("[{\"path\": \"training.optimizer.learningRate\", \"values\": [0.01, -1]}]", "");
        assertThat(badValue.path("errors").findValuesAsString("field")).containsExactly("parameters[0]");
        assertThat(invalid("[{\"path\": \"model.layers[0].units\", \"values\": [8]}]",
                ", \"objective\": {\"metric\": \"val_happiness\"}, \"algorithm\": {\"type\": \"genetic\"}")
                .path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("objective.metric", "algorithm.type");
        JsonNode template = assertProblem(api.send("POST", "/api/v1/sweeps/preview", "{\"template\": "
                + TEMPLATE.replace("\"epochs\": 5", "\"epochs\": -5") + ", \"parameters\": []}", "X-API-Key", key,
                "Content-Type", "application/json"), 400, "validation-failed");
        assertThat(template.path("errors").findValuesAsString("field")).allMatch(field -> field.startsWith("template."));
        assertThat(template.path("detail").asString()).contains("epochs");
    }
}

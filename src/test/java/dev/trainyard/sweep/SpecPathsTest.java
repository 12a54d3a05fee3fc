package dev.trainyard.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

class SpecPathsTest {

    private static final ObjectNode TEMPLATE = (ObjectNode) JsonMapper.builder().build().readTree("""
            {"model": {"layers": [{"type": "dense", "units": 8}, {"type": "dropout", "rate": 0.1}]},
             "training": {"optimizer": {"type": "adam"}}}
            """);

    @Test
    void setsFieldsAndListElementsAndLeavesTheTemplateAlone() {
        ObjectNode trial = SpecPaths.with(TEMPLATE, "model.layers[1].rate", DoubleNode.valueOf(0.3));
        trial = SpecPaths.with(trial, "model.layers[0].units", IntNode.valueOf(32));
        assertThat(trial.at("/model/layers/1/rate").asDouble()).isEqualTo(0.3);
        assertThat(trial.at("/model/layers/0/units").asInt()).isEqualTo(32);
        assertThat(TEMPLATE.at("/model/layers/1/rate").asDouble()).isEqualTo(0.1);
    }

    @Test
    void createsObjectsTheTemplateLeftToDefaults() {
        ObjectNode trial = SpecPaths.with(TEMPLATE, "training.regularization.l2", DoubleNode.valueOf(1e-4));
        assertThat(trial.at("/training/regularization/l2").asDouble()).isEqualTo(1e-4);
        assertThat(trial.at("/training/optimizer/type").asString()).isEqualTo("adam");
    }

    @Test
    void aWholeObjectReplacesTheTemplatesRatherThanMergingWithIt() {
        ObjectNode template = SpecPaths.with(TEMPLATE, "training.optimizer.learningRate", DoubleNode.valueOf(0.1));
        ObjectNode momentum = JsonMapper.builder().build().createObjectNode().put("type", "momentum").put("beta", 0.8);
        ObjectNode trial = SpecPaths.with(template, "training.optimizer", momentum);
        assertThat(trial.at("/training/optimizer")).isEqualTo(momentum);
        assertThat(trial.at("/training/optimizer/learningRate").isMissingNode()).as("not merged").isTrue();
        assertThat(template.at("/training/optimizer/learningRate").asDouble()).isEqualTo(0.1);
    }

    @Test
    void refusesListElementsTheTemplateDoesNotHaveAndMalformedPaths() {
        assertThatThrownBy(() -> SpecPaths.with(TEMPLATE, "model.layers[2].units", IntNode.valueOf(1)))
                .hasMessageContaining("element 2").hasMessageContaining("2 element(s)");
        assertThatThrownBy(() -> SpecPaths.with(TEMPLATE, "model..units", IntNode.valueOf(1)))
                .hasMessageContaining("not a spec path");
        assertThatThrownBy(() -> SpecPaths.with(TEMPLATE, "training.optimizer.type.name", IntNode.valueOf(1)))
                .hasMessageContaining("does not lead to a field or list element");
    }
}

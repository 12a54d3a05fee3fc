package dev.trainyard.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.diagnose.Change;
import dev.trainyard.job.MergePatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A finding's patch, applied to the spec as sent by an independent RFC 7396 implementation, makes exactly the change. */
class SpecPatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode SENT = JSON.readTree("""
            {"name": "deep", "dataset": {"id": "builtin:digits"},
             "model": {"layers": [{"type": "dense", "units": 32, "activation": "sigmoid"},
                                  {"type": "residual", "layers": [{"type": "dense", "units": 32, "activation": "tanh",
                                                                   "init": {"type": "normal", "std": 0.01}}]}]},
             "training": {"epochs": 20, "optimizer": {"type": "sgd", "learningRate": 0.1}}}
            """);

    @Test
    void aChangeToOneLayerPatchesTheWholeLayersArrayAndNothingElse() {
        JsonNode patch = SpecPatch.of(SENT, List.of(new Change("model.layers[1].layers[0].init", "he"),
                new Change("model.layers[1].layers[0].activation", "relu")), JSON);
        assertThat(patch.propertyNames()).containsExactly("model");
        JsonNode patched = MergePatch.apply(SENT, patch);
        assertThat(patched.at("/model/layers/1/layers/0/init").asString()).isEqualTo("he");
        assertThat(patched.at("/model/layers/1/layers/0/activation").asString()).isEqualTo("relu");
        assertThat(patched.at("/model/layers/0")).isEqualTo(SENT.at("/model/layers/0"));
        assertThat(patched.get("training")).isEqualTo(SENT.get("training"));
    }

    @Test
    void fieldsTheSpecLeftOutAreAddedWithTheObjectsAroundThem() {
        JsonNode patch = SpecPatch.of(SENT, List.of(new Change("training.regularization.l2", 1e-4),
                new Change("training.earlyStopping", Map.of("monitor", "val_loss", "patience", 10))), JSON);
        assertThat(patch).isEqualTo(JSON.readTree("""
                {"training": {"regularization": {"l2": 1.0E-4}, "earlyStopping": {"monitor": "val_loss", "patience": 10}}}
                """));
        assertThat(MergePatch.apply(SENT, patch).at("/training/optimizer")).isEqualTo(SENT.at("/training/optimizer"));
    }

    @Test
    void aChangeToWhatTheSpecAlreadySaysIsNoPatch() {
        assertThat(SpecPatch.of(SENT, List.of(new Change("training.epochs", 20)), JSON)).isNull();
        assertThat(SpecPatch.of(SENT, List.of(), JSON)).isNull();
    }
}

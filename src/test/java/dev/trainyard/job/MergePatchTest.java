package dev.trainyard.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link MergePatch} against RFC 7396: its Appendix A and section 3 are the oracle. */
class MergePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private record Example(String original, String patch, String result) {
    }

    /** RFC 7396 Appendix A, every row, as printed there. */
    private static final List<Example> APPENDIX_A = List.of(
            new Example("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
            new Example("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
            new Example("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
            new Example("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
            new Example("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
            new Example("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
            new Example("{\"a\": {\"b\": \"c\"}}", "{\"a\": {\"b\": \"d\", \"c\": null}}", "{\"a\": {\"b\": \"d\"}}"),
            new Example("{\"a\": [{\"b\":\"c\"}]}", "{\"a\": [1]}", "{\"a\": [1]}"),
            new Example("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
            new Example("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
            new Example("{\"a\":\"foo\"}", "null", "null"),
            new Example("{\"a\":\"foo\"}", "\"bar\"", "\"bar\""),
            new Example("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
            new Example("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
            new Example("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"));

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    @Test
    void everyExampleOfAppendixAGivesItsResult() {
        APPENDIX_A.forEach(example -> assertThat(MergePatch.apply(tree(example.original()), tree(example.patch())))
                .as(example.original() + " patched with " + example.patch()).isEqualTo(tree(example.result())));
    }

    @Test
    void theExampleOfSection3GivesItsResult() {
        JsonNode target = tree("""
                {"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"},
                 "tags": ["example", "sample"], "content": "This will be unchanged"}""");
        JsonNode patch = tree("""
                {"title": "Hello!", "phoneNumber": "+01-123-456-7890", "author": {"familyName": null},
                 "tags": ["example"]}""");
        assertThat(MergePatch.apply(target, patch)).isEqualTo(tree("""
                {"title": "Hello!", "author": {"givenName": "John"}, "tags": ["example"],
                 "content": "This will be unchanged", "phoneNumber": "+01-123-456-7890"}"""));
    }

    @Test
    void aPatchThatIsNotAnObjectReplacesTheWholeSpecWhichIsThenNoSpec() {
        JsonNode spec = tree(JobScenarios.DIGITS);
        for (String patch : List.of("[{\"training\": {\"epochs\": 5}}]", "\"digits\"", "7", "true")) {
            JsonNode patched = MergePatch.apply(spec, tree(patch));
            assertThat(patched).as(patch).isEqualTo(tree(patch));
            assertThatThrownBy(() -> JSON.treeToValue(patched, JobSpec.class)).as(patch)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void nullsNestedInAPatchRemoveMembersAtTheirDepthAndOnlyThere() {
        JsonNode spec = tree(JobScenarios.DIGITS);
        JsonNode patched = MergePatch.apply(spec, tree("""
                {"training": {"optimizer": {"learningRate": null, "beta1": 0.8}, "schedule": {"gamma": null}},
                 "model": {"layers": [{"type": "dense", "units": 8, "init": null}]}}"""));
        assertThat(patched).isEqualTo(tree("""
                {"name": "digits-adam", "dataset": {"id": "builtin:digits"},
                 "model": {"layers": [{"type": "dense", "units": 8, "init": null}]},
                 "training": {"epochs": 30, "optimizer": {"type": "adam", "beta1": 0.8}, "schedule": {}}}"""))
                .as("a null inside an array is a value of the array, kept as sent");
        assertThat(MergePatch.apply(spec, tree("{\"training\": null, \"dataset\": {\"id\": null}}")))
                .isEqualTo(tree("""
                        {"name": "digits-adam", "dataset": {},
                         "model": {"layers": [{"type": "dense", "units": 64, "activation": "relu"}]}}"""));
    }

    @Test
    void neitherTheTargetNorThePatchIsChanged() {
        JsonNode target = tree(JobScenarios.DIGITS);
        JsonNode patch = tree("""
                {"name": null, "model": {"layers": [{"type": "dense", "units": 32}]},
                 "training": {"optimizer": {"learningRate": 0.01}, "batch": {"size": 16}}}""");
        String targetBefore = target.toString();
        String patchBefore = patch.toString();
        JsonNode patched = MergePatch.apply(target, patch);
        assertThat(target.toString()).isEqualTo(targetBefore);
        assertThat(patch.toString()).isEqualTo(patchBefore);

        ((ObjectNode) patched.path("training").path("optimizer")).put("learningRate", 1.0);
        ((ArrayNode) patched.path("model").path("layers")).removeAll();
        assertThat(target.toString()).as("the result shares no node with the target").isEqualTo(targetBefore);
        assertThat(patch.toString()).as("nor with the patch").isEqualTo(patchBefore);
    }

    @Test
    void anAbsentTargetIsPatchedAsAnEmptyOne() {
        assertThat(MergePatch.apply(null, tree("{\"a\": {\"b\": null, \"c\": 1}}"))).isEqualTo(tree("{\"a\": {\"c\": 1}}"));
        assertThat(MergePatch.apply(tree("{}").path("missing"), tree("[null]"))).isEqualTo(tree("[null]"));
    }
}

package dev.trainyard.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

class SearchSpaceTest {

    private static SweepRequest.Parameter values(String path, JsonNode... values) {
        return new SweepRequest.Parameter(path, List.of(values), null, null, null, null);
    }

    private static SweepRequest.Parameter range(String path, double min, double max, String scale, Integer count) {
        return new SweepRequest.Parameter(path, null, min, max, scale, count);
    }

    private static SearchSpace space(boolean grid, SweepRequest.Parameter... parameters) {
        List<FieldProblem> problems = new ArrayList<>();
        SearchSpace space = SearchSpace.of(List.of(parameters), grid, problems);
        assertThat(problems).isEmpty();
        return space;
    }

    private static List<FieldProblem> problems(boolean grid, SweepRequest.Parameter... parameters) {
        List<FieldProblem> problems = new ArrayList<>();
        SearchSpace.of(List.of(parameters), grid, problems);
        return problems;
    }

    @Test
    void aGridEnumeratesEveryCombinationWithTheLastParameterInnermost() {
        SearchSpace space = space(true, values("training.optimizer.type", StringNode.valueOf("sgd"),
                StringNode.valueOf("adam")), range("training.optimizer.learningRate", 0.001, 0.1, "log", 3));
        assertThat(space.gridSize()).isEqualTo(6);
        List<String> trials = IntStream.range(0, 6).mapToObj(space::grid).map(trial -> trial.get("training.optimizer.type")
                .asString() + "@" + trial.get("training.optimizer.learningRate").asDouble()).toList();
        assertThat(trials).hasSize(6);
        assertThat(trials.get(0)).startsWith("sgd@0.001");
        assertThat(trials.get(1)).startsWith("sgd@0.01");
        assertThat(trials.get(2)).startsWith("sgd@0.1");
        assertThat(trials.get(3)).startsWith("adam@0.001");
        assertThat(space.grid(4).get("training.optimizer.learningRate").asDouble()).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void gridPointsAreEvenlySpacedOnTheirScale() {
        SearchSpace linear = space(true, range("training.regularization.l2", 0, 1, "linear", 5));
        assertThat(IntStream.range(0, 5).mapToDouble(i -> linear.grid(i).get("training.regularization.l2").asDouble()))
                .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        SearchSpace units = space(true, range("model.layers[0].units", 8, 64, "integer", 3));
        assertThat(IntStream.range(0, 3).mapToObj(i -> units.grid(i).get("model.layers[0].units")))
                .containsExactly(IntNode.valueOf(8), IntNode.valueOf(36), IntNode.valueOf(64));
    }

    @Test
    void theGridSizeIsTheProductOfTheCandidateCountsAndSaturates() {
        assertThat(space(true, range("a", 0, 1, null, 4), range("b", 0, 1, null, 5), range("c", 0, 1, null, 3))
                .gridSize()).isEqualTo(60);
        SweepRequest.Parameter huge = range("a", 0, 1, null, Integer.MAX_VALUE);
        assertThat(space(true, huge, range("b", 0, 1, null, Integer.MAX_VALUE), range("c", 0, 1, null, Integer.MAX_VALUE))
                .gridSize()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void randomTrialsAreReproducibleAndDifferBySeedAndIndex() {
        SearchSpace space = space(false, range("lr", 1e-4, 1, "log", null), range("units", 4, 128, "integer", null));
        assertThat(space.random(7, 3)).isEqualTo(space.random(7, 3));
        assertThat(space.random(7, 3)).isNotEqualTo(space.random(7, 4));
        assertThat(space.random(7, 3)).isNotEqualTo(space.random(8, 3));
    }

    @Test
    void randomDrawsStayInTheirBounds() {
        SearchSpace space = space(false, range("lr", 1e-4, 1, "log", null), range("units", 4, 128, "integer", null),
                range("rate", 0.1, 0.5, "linear", null), values("act", StringNode.valueOf("tanh"), StringNode.valueOf("relu")));
        for (int i = 0; i < 2000; i++) {
            Map<String, JsonNode> trial = space.random(1, i);
            assertThat(trial.get("lr").asDouble()).isBetween(1e-4, 1.0);
            assertThat(trial.get("units").isInt()).isTrue();
            assertThat(trial.get("units").asInt()).isBetween(4, 128);
            assertThat(trial.get("rate").asDouble()).isBetween(0.1, 0.5);
            assertThat(trial.get("act").asString()).isIn("tanh", "relu");
        }
    }

    /** On 1e-4..1, each of the four decades should get a quarter of the draws; uniform draws would put 90% in the last. */
    @Test
    void aLogRangeIsLogUniform() {
        SearchSpace space = space(false, range("lr", 1e-4, 1, "log", null));
        int[] decades = new int[4];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            double lr = space.random(42, i).get("lr").asDouble();
            decades[Math.min(3, (int) Math.floor(Math.log10(lr) + 4))]++;
        }
        for (int decade : decades) {
            assertThat(decade / (double) draws).isCloseTo(0.25, within(0.02));
        }
    }

    @Test
    void everyBadParameterIsNamed() {
        assertThat(problems(true, range("lr", 0.001, 0.1, "log", null))).extracting(FieldProblem::field)
                .containsExactly("parameters[0].count");
        assertThat(problems(false, range("lr", 0, 0.1, "log", null))).extracting(FieldProblem::field)
                .containsExactly("parameters[0].min");
        assertThat(problems(false, range("lr", 1, 0.1, null, null))).extracting(FieldProblem::field)
                .containsExactly("parameters[0]");
        assertThat(problems(false, new SweepRequest.Parameter("lr", List.of(IntNode.valueOf(1)), 0.0, 1.0, null, null)))
                .extracting(FieldProblem::field).containsExactly("parameters[0]");
        assertThat(problems(false, range("lr", 0, 1, "cubic", null))).extracting(FieldProblem::field)
                .containsExactly("parameters[0].scale");
        assertThat(problems(false, new SweepRequest.Parameter(" ", null, 0.0, 1.0, null, null)))
                .extracting(FieldProblem::field).containsExactly("parameters[0].path");
        assertThat(problems(false, range("lr", 0, 1, null, null), range("lr", 0, 2, null, null)))
                .extracting(FieldProblem::field).containsExactly("parameters[1].path");
        assertThat(problems(true, new SweepRequest.Parameter[0])).extracting(FieldProblem::field).containsExactly("parameters");
    }
}

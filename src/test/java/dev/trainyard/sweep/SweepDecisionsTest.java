package dev.trainyard.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trainyard.job.JobStatus;
import dev.trainyard.job.Trial;
import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.node.IntNode;

/** Best-trial order and completion rules on scripted trials. */
class SweepDecisionsTest {

    private static SweepResponse.TrialRow row(int index, Double objective) {
        return new SweepResponse.TrialRow(index, "job-" + index, "succeeded", Map.of(), objective, 0, objective, null, 1.0);
    }

    @Test
    void theBestTrialIsTheLowestWhenMinimizingAndTheHighestWhenMaximizing() {
        List<SweepResponse.TrialRow> rows = List.of(row(0, 0.5), row(1, null), row(2, 0.2), row(3, 0.9), row(4, 0.2));
        assertThat(rows.stream().sorted(SweepService.objectiveOrder(false)).map(SweepResponse.TrialRow::index))
                .as("ties by index, trials without an objective last").containsExactly(2, 4, 0, 3, 1);
        assertThat(rows.stream().sorted(SweepService.objectiveOrder(true)).map(SweepResponse.TrialRow::index))
                .containsExactly(3, 0, 2, 4, 1);
    }

    private static SweepPlan plan(boolean maximize, Double stopAt, Integer patience) {
        List<FieldProblem> problems = new ArrayList<>();
        SearchSpace space = SearchSpace.of(List.of(new SweepRequest.Parameter("training.seed", List.of(IntNode.valueOf(1)),
                null, null, null, null)), true, problems);
        return new SweepPlan("s", null, space, true, 1, "val_loss", maximize, 10, 2, 5, new Pruner.None(), null, stopAt,
                patience);
    }

    private static Trial ended(int index, double objective, int finishedSecond) {
        return new Trial("job-" + index, index, JobStatus.SUCCEEDED, Instant.ofEpochSecond(0),
                Instant.ofEpochSecond(finishedSecond), objective, 3);
    }

    @Test
    void aSweepCompletesWhenATrialReachesTheTarget() {
        List<Trial> trials = List.of(ended(0, 0.4, 1), ended(1, 0.25, 2));
        assertThat(SweepScheduler.completion(plan(false, 0.3, null), trials)).contains("trial 1 reached");
        assertThat(SweepScheduler.completion(plan(false, 0.2, null), trials)).isNull();
        assertThat(SweepScheduler.completion(plan(true, 0.4, null), trials)).contains("trial 0 reached");
    }

    @Test
    void patienceCountsEndedTrialsWithoutImprovementInTheOrderTheyEnded() {
        // in finishing order: 0.5, 0.3 (best), 0.4, 0.35 -> two trials without improvement
        List<Trial> trials = List.of(ended(0, 0.5, 1), ended(1, 0.4, 3), ended(2, 0.3, 2), ended(3, 0.35, 4));
        assertThat(SweepScheduler.completion(plan(false, null, 2), trials)).contains("last 2 ended trials");
        assertThat(SweepScheduler.completion(plan(false, null, 3), trials)).isNull();
        assertThat(SweepScheduler.completion(plan(true, null, 1), trials)).as("maximizing, 0.5 came first and stays best")
                .contains("last 3 ended trials");
    }
}

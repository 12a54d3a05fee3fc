package dev.trainyard.race;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A checked race, as it is kept beside its sweep: the optimizers with their labels, the seeds, the baseline's index
 * and the metric with its goal and target. Trial {@code i} of the sweep (a grid, the seed innermost) is optimizer
 * {@code i / seeds} on seed {@code i % seeds}.
 */
record RacePlan(List<Contender> optimizers, List<Long> seeds, int baseline, String metric, boolean maximize,
                Double target) {

    /** One optimizer: the object that replaces the template's, and the label the report shows it by. */
    record Contender(String label, JsonNode optimizer) {
    }

    int optimizerOf(int trial) {
        return trial / seeds.size();
    }

    long seedOf(int trial) {
        return seeds.get(trial % seeds.size());
    }
}

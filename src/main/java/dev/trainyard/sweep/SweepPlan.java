package dev.trainyard.sweep;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A checked sweep: the template, the space and how it is searched, the objective, the limits and the pruner. */
record SweepPlan(String name, ObjectNode template, SearchSpace space, boolean grid, long seed, String metric,
                 boolean maximize, int maxTrials, int maxParallel, int maxFailed, Pruner pruner, Double target,
                 Double stopAt, Integer patience) {

    /** Whether {@code value} is at least as good as {@code goal}; false without one. */
    boolean reaches(double value, Double goal) {
        return goal != null && (maximize ? value >= goal : value <= goal);
    }

    /** The parameter values of trial {@code index}, by path. */
    Map<String, JsonNode> parameters(int index) {
        return grid ? space.grid(index) : space.random(seed, index);
    }

    /** The job spec of trial {@code index}: the template with that trial's values. */
    ObjectNode spec(int index) {
        ObjectNode spec = template;
        for (Map.Entry<String, JsonNode> value : parameters(index).entrySet()) {
            spec = SpecPaths.with(spec, value.getKey(), value.getValue());
        }
        return spec;
    }
}

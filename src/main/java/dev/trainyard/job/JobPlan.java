package dev.trainyard.job;

import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job spec checked and turned into the engine's specs, with the dataset it trains on (null while a dataset the spec
 * generates inline has no id yet), whether its learning rate is searched by a range test first (the optimizer's rate
 * is then replaced by the suggestion), what it measures while it trains, and its priority among its owner's jobs.
 */
record JobPlan(String name, String datasetId, SplitSpec split, ModelSpec model, TrainingSpec training,
               boolean searchLearningRate, Probes probes, int priority) {

    static final int MAX_PRIORITY = 100;

    JobPlan on(String dataset) {
        return new JobPlan(name, dataset, split, model, training, searchLearningRate, probes, priority);
    }

    /** The rate a job's stored range test ({@code job.learning_rate_search}) suggested; null when none was run. */
    static Double searchedRate(String search, JsonMapper json) {
        return search == null ? null : json.readTree(search).path("suggested").asDouble();
    }
}

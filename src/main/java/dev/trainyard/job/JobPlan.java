package dev.trainyard.job;

import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;

/**
 * A job spec checked and turned into the engine's specs, with the dataset it trains on (null while a dataset the spec
 * generates inline has no id yet).
 */
record JobPlan(String name, String datasetId, SplitSpec split, ModelSpec model, TrainingSpec training) {

    JobPlan on(String dataset) {
        return new JobPlan(name, dataset, split, model, training);
    }
}

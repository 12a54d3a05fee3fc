package dev.trainyard.job;

import java.time.Duration;

import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;

/**
 * A job a worker now holds: what to train, on which of the owner's datasets, the checkpoint to resume from (null on a
 * first attempt or when none was written) and the epoch the run continues with, and how long it waited in the queue
 * this time. When its learning rate is searched, {@code searchedRate} is what an earlier attempt's range test
 * suggested (null before the first has run one), and {@code training} holds its optimizer's default rate until then.
 */
public record ClaimedJob(Lease lease, String owner, String datasetId, SplitSpec split, ModelSpec model,
                         TrainingSpec training, byte[] checkpoint, int firstEpoch, Duration waited,
                         boolean searchLearningRate, Double searchedRate, Probes probes) {
}

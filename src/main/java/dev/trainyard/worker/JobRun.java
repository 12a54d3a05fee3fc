package dev.trainyard.worker;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.trainyard.metrics.EpochPoints;
import dev.trainyard.dataset.DatasetService;
import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.engine.data.InvalidDataException;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.diagnose.TrainedHessian;
import dev.trainyard.engine.model.BoundaryGrid;
import dev.trainyard.engine.model.ModelDocument;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.optim.LearningRates;
import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.engine.spec.LearningRateSearch;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.engine.train.EpochMetrics;
import dev.trainyard.engine.train.Evaluation;
import dev.trainyard.engine.train.LearningRateRange;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;
import dev.trainyard.engine.train.TrainingResult;
import dev.trainyard.job.ClaimedJob;
import dev.trainyard.job.FailureCode;
import dev.trainyard.job.JobQueue;
import dev.trainyard.job.JobSnapshots;
import dev.trainyard.job.Lease;
import dev.trainyard.job.LeaseLostException;
import dev.trainyard.job.Probes;
import dev.trainyard.job.StopRequest;
import dev.trainyard.job.Success;
import dev.trainyard.system.ApiException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One attempt at one job on one slot: loads the data, trains (or resumes from the checkpoint), writes the metrics in
 * batches, checkpoints, and reports the outcome through the queue. Heartbeats and the node's shutdown (on other
 * threads) set the run's stop request, which the trainer asks about between steps. A failure is classified by what
 * the user must do: data (or a spec) the dataset cannot train with is INVALID_DATA with the engine's message; anything
 * else is a bug, INTERNAL, logged with its stack trace under a reference the failure message gives.
 */
final class JobRun implements TrainingListener {

    private static final Logger log = LoggerFactory.getLogger(JobRun.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Steps of each side of a stored decision boundary's grid. */
    private static final int BOUNDARY_RESOLUTION = 40;

    private final ClaimedJob job;
    private final DatasetService datasets;
    private final WorkerProperties settings;
    private final WorkerMeters meters;
    private final StopSignal stop;
    private final RunWrites writes;
    private final Clock clock;
    private long lastFlush;
    private long lastCheckpoint;
    private int lastCheckpointEpoch;
    /** How the dataset's columns became the inputs, read with the rows. */
    private FeatureEncoding encoding;
    /** The training split, which probes measure the model over. */
    private Split train;
    /** What the job trains with: its spec's, with the searched learning rate when it was "auto". */
    private TrainingSpec training;

    JobRun(ClaimedJob job, JobQueue queue, DatasetService datasets, WorkerProperties settings, WorkerMeters meters,
            Clock clock) {
        this.clock = clock;
        this.lastFlush = clock.millis();
        this.lastCheckpoint = lastFlush;
        this.meters = meters;
        this.job = job;
        this.datasets = datasets;
        this.settings = settings;
        this.stop = new StopSignal(settings.handBackTimeout(), clock);
        this.writes = new RunWrites(queue, job.lease(), settings.leaseDuration(), stop, clock);
        this.lastCheckpointEpoch = job.firstEpoch() - 1;
    }

    Lease lease() {
        return job.lease();
    }

    /**
     * Asks the run to stop for {@code request}: at its next step, or for a hand back at its next checkpoint (taken at
     * the end of the current epoch), within the hand-back timeout.
     */
    void stop(StopRequest request) {
        stop.request(request);
    }

    /** A heartbeat renewed the lease: writes that fail on a transient error may be tried again for one more lease. */
    void held() {
        writes.confirmed();
    }

    void run() {
        try {
            report(train());
        } catch (CancellationException stoppedWhileSearching) {
            stopped();
        } catch (LeaseLostException gone) {
            log.warn("Stopped job {}: {}", job.lease().jobPublicId(), gone.getMessage());
        } catch (InvalidDataException | InvalidSpecException | ApiException invalid) {
            fail(FailureCode.INVALID_DATA, "The job cannot train on dataset " + job.datasetId() + ": " + invalid.getMessage()
                    + ". Fix the dataset or the spec and submit the job again.");
        } catch (OutOfMemoryError tooBig) {
            fail(FailureCode.OUT_OF_MEMORY, "Training ran out of memory on node " + job.lease().owner() + ". Use a smaller "
                    + "model, batch or dataset, or give the node more heap (-Xmx).");
        } catch (RuntimeException | IOException bug) {
            String reference = UUID.randomUUID().toString();
            log.error("Job {} failed on an internal error, reference {}", job.lease().jobPublicId(), reference, bug);
            fail(FailureCode.INTERNAL, "Training stopped on an internal error (" + bug.getClass().getSimpleName()
                    + ", reference " + reference + "). The node's log has the details under that reference; submitting "
                    + "the job again may work.");
        }
    }

    private TrainingResult train() throws IOException {
        LabeledData rows = writes.reading(() -> datasets.load(job.owner(), job.datasetId()));
        encoding = writes.reading(() -> datasets.encoding(job.owner(), job.datasetId(), rows));
        PreparedData data = Preparation.prepare(rows, job.split());
        train = data.train();
        training = job.training();
        if (job.searchLearningRate()) {
            training = training.withLearningRate(job.searchedRate() != null ? job.searchedRate() : search(data));
        }
        return job.checkpoint() == null ? Trainer.train(job.model(), training, data, this)
                : Trainer.resume(job.model(), training, data, this, job.checkpoint());
    }

    /**
     * The range test of a job whose learning rate is "auto", from its initial weights and batch order, kept with the
     * job before it trains; its suggestion is the rate the job trains with.
     */
    private double search(PreparedData data) {
        LearningRateSearch range = LearningRateSearch.DEFAULT;
        LearningRateRange.Result search = LearningRateRange.run(job.model(), training, data, range.minLr(),
                range.maxLr(), range.steps(), fraction -> !stop.due());
        String shown = JSON.writeValueAsString(search);
        writes.until((queue, lease, pending) -> queue.searchedLearningRate(lease, pending, shown));
        return search.suggested();
    }

    private void report(TrainingResult result) {
        if (lostLease()) {
            return;
        }
        switch (result.stopReason()) {
            case DIVERGED -> writes.until((queue, lease, pending) -> queue.fail(lease, pending, FailureCode.DIVERGED,
                    result.message(), result.warnings()));
            case STOP_REQUESTED -> stopped();
            default -> {
                Success success = new Success(result.stopReason().name(), result.bestEpoch(), test(result.test()),
                        result.warnings(), ModelDocument.write(result.model()), encoding);
                writes.until((queue, lease, pending) -> queue.succeed(lease, pending, success));
            }
        }
    }

    private boolean lostLease() {
        StopRequest request = stop.get();
        if (request != null && request.cause() == StopRequest.Cause.LEASE_LOST) {
            log.warn("Job {} lost its lease; its next attempt continues it", job.lease().jobPublicId());
            return true;
        }
        return false;
    }

    /** The run stopped on request (a cancel, a prune, a hand back). */
    private void stopped() {
        if (!lostLease()) {
            StopRequest request = stop.get();
            writes.until((queue, lease, pending) -> queue.stopped(lease, pending, request));
        }
    }

    private void fail(FailureCode code, String message) {
        try {
            writes.until((queue, lease, pending) -> queue.fail(lease, pending, code, message, List.of()));
        } catch (LeaseLostException gone) {
            log.warn("Could not record the failure of job {}: {}", job.lease().jobPublicId(), gone.getMessage());
        }
    }

    private static Map<String, Object> test(Evaluation test) {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (test != null) {
            shown.put("rows", test.rows());
            shown.put("metrics", test.metrics());
            if (test.confusion() != null) {
                shown.put("confusion", test.confusion());
            }
        }
        return shown;
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        writes.add(new EpochPoints(metrics.epoch(), metrics.values()));
        meters.trained(metrics);
        if (clock.millis() - lastFlush >= settings.metricsFlushInterval().toMillis()) {
            writes.once(JobQueue::recordEpochs);
            lastFlush = clock.millis();
        }
    }

    @Override
    public boolean checkpointDue(int epoch) {
        return stop.is(StopRequest.Cause.HAND_BACK) || (epoch - lastCheckpointEpoch >= settings.checkpointEvery()
                && clock.millis() - lastCheckpoint >= settings.checkpointMinInterval().toMillis());
    }

    @Override
    public void onCheckpoint(int epoch, byte[] checkpoint) {
        if (!writes.once((queue, lease, pending) -> queue.checkpoint(lease, pending, epoch, checkpoint))) {
            return; // due again at the next epoch
        }
        lastFlush = clock.millis();
        lastCheckpoint = lastFlush;
        lastCheckpointEpoch = epoch;
        stop.checkpointed();
    }

    @Override
    public boolean stopRequested() {
        return stop.due();
    }

    @Override
    public boolean snapshotDue(int epoch) {
        Probes probes = job.probes();
        int epochs = training.epochs();
        return Probes.due(probes.sharpnessEvery(), epoch, epochs) || Probes.due(probes.modelEvery(), epoch, epochs)
                || Probes.due(probes.decisionBoundaryEvery(), epoch, epochs);
    }

    /**
     * What the job's probes take after {@code epoch}: the sharpness (recorded as metrics, with 2 / the epoch's
     * learning rate beside it), the decision boundary and the model (stored as snapshots).
     */
    @Override
    public Map<String, Double> onSnapshot(int epoch, TrainedModel model) {
        Probes probes = job.probes();
        int epochs = training.epochs();
        if (Probes.due(probes.decisionBoundaryEvery(), epoch, epochs) && BoundaryGrid.drawable(model)) {
            ObjectNode grid = JSON.valueToTree(BoundaryGrid.of(model, train, BOUNDARY_RESOLUTION));
            grid.put("epoch", epoch);
            grid.set("features", JSON.valueToTree(encoding == null ? List.of("input0", "input1")
                    : encoding.features().stream().map(FeatureEncoding.Feature::name).toList()));
            snapshot(JobSnapshots.DECISION_BOUNDARY, epoch, JSON.writeValueAsString(grid));
        }
        if (Probes.due(probes.modelEvery(), epoch, epochs)) {
            snapshot(JobSnapshots.MODEL, epoch, ModelDocument.write(model));
        }
        if (!Probes.due(probes.sharpnessEvery(), epoch, epochs)) {
            return Map.of();
        }
        double rate = LearningRates.at(training.schedule(), training.optimizer().learningRate(), epoch, epochs);
        return Map.of("sharpness", TrainedHessian.sharpness(model, train, training.seed()), "edge_of_stability",
                2 / rate);
    }

    private void snapshot(String kind, int epoch, String body) {
        writes.until((queue, lease, pending) -> queue.snapshot(lease, pending, kind, epoch, body));
    }
}

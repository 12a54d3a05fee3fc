package dev.trainyard.worker;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.trainyard.metrics.EpochPoints;
import dev.trainyard.dataset.DatasetService;
import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.engine.data.InvalidDataException;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.model.ModelDocument;
import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.engine.train.EpochMetrics;
import dev.trainyard.engine.train.Evaluation;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;
import dev.trainyard.engine.train.TrainingResult;
import dev.trainyard.job.ClaimedJob;
import dev.trainyard.job.FailureCode;
import dev.trainyard.job.JobQueue;
import dev.trainyard.job.Lease;
import dev.trainyard.job.LeaseLostException;
import dev.trainyard.job.StopRequest;
import dev.trainyard.job.Success;
import dev.trainyard.system.ApiException;

/**
 * One attempt at one job on one slot: loads the data, trains (or resumes from the checkpoint), writes the metrics in
 * batches, checkpoints, and reports the outcome through the queue. Heartbeats and the node's shutdown (on other
 * threads) set the run's stop request, which the trainer asks about between steps. A failure is classified by what
 * the user must do: data (or a spec) the dataset cannot train with is INVALID_DATA with the engine's message; anything
 * else is a bug, INTERNAL, logged with its stack trace under a reference the failure message gives.
 */
final class JobRun implements TrainingListener {

    private static final Logger log = LoggerFactory.getLogger(JobRun.class);

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
        return job.checkpoint() == null ? Trainer.train(job.model(), job.training(), data, this)
                : Trainer.resume(job.model(), job.training(), data, this, job.checkpoint());
    }

    private void report(TrainingResult result) {
        StopRequest request = stop.get();
        if (request != null && request.cause() == StopRequest.Cause.LEASE_LOST) {
            log.warn("Job {} lost its lease; its next attempt continues it", job.lease().jobPublicId());
            return;
        }
        switch (result.stopReason()) {
            case DIVERGED -> writes.until((queue, lease, pending) -> queue.fail(lease, pending, FailureCode.DIVERGED,
                    result.message(), result.warnings()));
            case STOP_REQUESTED -> writes.until((queue, lease, pending) -> queue.stopped(lease, pending, request));
            default -> {
                Success success = new Success(result.stopReason().name(), result.bestEpoch(), test(result.test()),
                        result.warnings(), ModelDocument.write(result.model()), encoding);
                writes.until((queue, lease, pending) -> queue.succeed(lease, pending, success));
            }
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
}

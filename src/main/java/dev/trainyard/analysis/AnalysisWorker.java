package dev.trainyard.analysis;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.diagnose.HessianSpectrum;
import dev.trainyard.engine.diagnose.LossHessian;
import dev.trainyard.engine.diagnose.LossLandscape;
import dev.trainyard.engine.diagnose.TrainedHessian;
import dev.trainyard.engine.train.LearningRateRange;
import dev.trainyard.engine.optim.LearningRates;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.job.JobSnapshots;
import dev.trainyard.job.JobSubmissions;
import dev.trainyard.job.RunRecords;
import dev.trainyard.job.TrainedModels;
import dev.trainyard.system.NodeProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs queued analyses on a node that trains, one at a time on a thread of its own: claims the oldest, reports its
 * progress at most every half second (which renews its lease and is where a cancel stops it), and stores its result.
 * Each poll also puts back in the queue the analyses whose node stopped renewing their lease.
 */
@Component
class AnalysisWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalysisWorker.class);

    private final AnalysisStore store;
    private final RunRecords runs;
    private final JobSubmissions submissions;
    private final TrainedModels models;
    private final JobSnapshots snapshots;
    private final DatasetService datasets;
    private final AnalysisProperties settings;
    private final NodeProperties node;
    private final JsonMapper json;
    private final String leaseOwner = "analysis-" + UUID.randomUUID();
    private ScheduledExecutorService thread;

    AnalysisWorker(AnalysisStore store, RunRecords runs, JobSubmissions submissions, TrainedModels models,
            JobSnapshots snapshots, DatasetService datasets, AnalysisProperties settings, NodeProperties node,
            JsonMapper json) {
        this.snapshots = snapshots;
        this.store = store;
        this.runs = runs;
        this.submissions = submissions;
        this.models = models;
        this.datasets = datasets;
        this.settings = settings;
        this.node = node;
        this.json = json;
    }

    @Override
    public void start() {
        if (!node.role().trains()) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "trainyard-analysis"));
        long every = settings.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Claims and runs queued analyses until none is left. */
    void poll() {
        try {
            store.requeueExpired(settings.maxAttempts());
            while (!Thread.currentThread().isInterrupted()) {
                var claimed = store.claim(leaseOwner, settings.leaseDuration());
                if (claimed.isEmpty()) {
                    return;
                }
                run(claimed.get());
            }
        } catch (RuntimeException error) {
            log.warn("Analyses could not be polled: {}", error.toString());
        }
    }

    private void run(AnalysisStore.Row run) {
        long[] reported = {0};
        HessianSpectrum.Progress progress = fraction -> {
            long now = System.nanoTime();
            if (now - reported[0] < 500_000_000L) {
                return !Thread.currentThread().isInterrupted();
            }
            reported[0] = now;
            return store.progress(run, fraction, settings.leaseDuration());
        };
        try {
            if (AnalysisService.RANGE_TEST.equals(run.type())) {
                store.succeed(run, json.writeValueAsString(rangeTest(run, progress)));
                return;
            }
            AnalysisRequest request = json.readValue(run.request(), AnalysisRequest.class);
            RunRecords.Run job = runs.byKey(run.jobKey()).orElseThrow(() -> new IllegalStateException("its job is gone"));
            String model = request.epoch() == null ? models.document(run.jobKey())
                    .orElseThrow(() -> new IllegalStateException("its job kept no model")).model()
                    : snapshots.body(run.jobKey(), JobSnapshots.MODEL, request.epoch())
                    .orElseThrow(() -> new IllegalStateException("its job's model of the epoch is gone"));
            TrainingSpec training = job.training();
            double rate = request.epoch() == null ? training.optimizer().learningRate() : LearningRates.at(
                    training.schedule(), training.optimizer().learningRate(), request.epoch(), training.epochs());
            LabeledData rows = datasets.load(run.owner(), job.datasetId());
            if (!progress.at(0)) {
                return;
            }
            Object result;
            if ("landscape".equals(run.type())) {
                LossHessian loss = TrainedHessian.sample(model, rows, job.split(), HessianRun.samples(request),
                        HessianRun.seed(request));
                result = HessianRun.view(LossLandscape.of(loss, HessianRun.points(request), HessianRun.grid(request),
                        HessianRun.span(request), HessianRun.options(request).steps(),
                        HessianRun.seed(request) + 2, progress));
            } else {
                result = HessianRun.view(TrainedHessian.analyze(model, rows, job.split(),
                        rate, HessianRun.options(request),
                        HessianRun.samples(request), HessianRun.seed(request), progress));
            }
            store.succeed(run, json.writeValueAsString(result));
        } catch (HessianSpectrum.Stopped | CancellationException stopped) {
            log.info("Analysis {} stopped (cancelled, or its lease was lost)", run.id());
        } catch (Exception | OutOfMemoryError error) {
            String reference = UUID.randomUUID().toString();
            log.error("Analysis {} failed, reference {}", run.id(), reference, error);
            store.fail(run, "The analysis stopped on an error (" + error.getClass().getSimpleName() + ", reference "
                    + reference + "); the node's log has the details under that reference.");
        }
    }

    /** A range test of its template's effective spec, on the template's dataset and split. */
    private LearningRateRange.Result rangeTest(AnalysisStore.Row run, HessianSpectrum.Progress progress)
            throws IOException {
        RangeTestRequest request = json.readValue(run.request(), RangeTestRequest.class);
        JobSubmissions.Specs specs = submissions.specs(run.spec());
        PreparedData data = Preparation.prepare(datasets.load(run.owner(), specs.datasetId()), specs.split());
        return LearningRateRange.run(specs.model(), specs.training(), data, request.minLrOrDefault(),
                request.maxLrOrDefault(), request.stepsOrDefault(), progress::at);
    }
}

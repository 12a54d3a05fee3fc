package dev.trainyard.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.data.augment.ImageAugmenter;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.optim.LearningRates;
import dev.trainyard.engine.optim.Optimizer;
import dev.trainyard.engine.regularization.GradientClipping;
import dev.trainyard.engine.regularization.Regularizer;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The training loop: epochs of seeded-shuffled batches, forward, loss, backward, L1/L2,
 * clipping, optimizer step, decoupled decay; per-epoch metrics to the listener; validation,
 * early stopping, divergence guard and stop requests between steps; a test evaluation at the end.
 * The loop is one sequence of steps over a few collaborators, kept together so it reads in order.
 */
public final class Trainer {

    static final long SHUFFLE_STREAM = 3;
    static final long AUGMENT_STREAM = 4;
    static final long IMAGE_STREAM = 5;
    static final int EVALUATION_CHUNK = 512;

    private final ModelSpec model;
    private final TrainingSpec spec;
    private final PreparedData data;
    private final TrainingListener listener;
    private final Targets targets;
    private final Network network;
    private final Batches batches;
    private final Optimizer optimizer;
    private final Regularizer regularizer;
    private final DivergenceGuard guard = new DivergenceGuard();
    private final EarlyStopper stopper;
    private final Rng shuffle;
    private final Rng noise;
    private final Rng imageRng;
    private final ImageAugmenter images;
    private final Tensor trainX;
    private final Tensor trainY;
    private final Tensor validationX;
    private final Tensor validationY;
    private final int stepBatch;
    private final Tensor before;
    private final int[] order;
    private final String fingerprint;
    private Tensor bestParameters;
    private List<Tensor> bestState;

    private Trainer(ModelSpec model, TrainingSpec spec, PreparedData data, TrainingListener listener,
            Precision precision) {
        this.model = model;
        this.spec = spec;
        this.data = data;
        this.listener = listener;
        model.hiddenWidth(data.featureCount());
        this.targets = Targets.resolve(model, data);
        this.network = Network.build(model, data.featureCount(), targets.outputs(), targets.loss(), precision,
                spec.seed());
        this.stepBatch = spec.batch().samplesPerStep(data.train().rows());
        int capacity = Math.max(stepBatch, Math.min(EVALUATION_CHUNK, data.train().rows()));
        network.allocate(capacity);
        this.batches = new Batches(precision, capacity, data.featureCount(), targets.outputs());
        List<ParameterGroup> weights = network.groups().stream().filter(ParameterGroup::isWeights).toList();
        this.optimizer = Optimizer.of(spec.optimizer(), network.parameterCount(), weights, precision);
        this.regularizer = new Regularizer(spec.regularization(), network.groups());
        this.stopper = spec.earlyStopping() == null ? null : new EarlyStopper(spec.earlyStopping());
        SpecChecks.requireMonitoredMetric(spec, data, targets);
        this.shuffle = Rng.stream(spec.seed(), SHUFFLE_STREAM);
        this.noise = Rng.stream(spec.seed(), AUGMENT_STREAM);
        this.imageRng = Rng.stream(spec.seed(), IMAGE_STREAM);
        this.images = SpecChecks.imageAugmentation(spec, data)
                ? new ImageAugmenter(data.image(), spec.augmentation().image(), data.normalizer(), imageRng) : null;
        this.trainX = features(data.train(), precision);
        this.trainY = targets.encode(data.train(), precision);
        this.validationX = data.validation().isEmpty() ? null : features(data.validation(), precision);
        this.validationY = data.validation().isEmpty() ? null : targets.encode(data.validation(), precision);
        this.before = Tensor.zeros(precision, 1, network.parameterCount());
        this.order = new int[data.train().rows()];
        Arrays.setAll(order, i -> i);
        this.fingerprint = Checkpoints.fingerprint(model, spec, data, precision);
    }

    /** Trains in single precision, as the service does. */
    public static TrainingResult train(ModelSpec model, TrainingSpec spec, PreparedData data, TrainingListener listener) {
        return train(model, spec, data, listener, Precision.FLOAT);
    }

    public static TrainingResult train(ModelSpec model, TrainingSpec spec, PreparedData data, TrainingListener listener,
            Precision precision) {
        return new Trainer(model, spec, data, listener, precision).run(0, new ArrayList<>(), SpecChecks.warnings(model));
    }

    /**
     * Continues a run from a checkpoint written by {@link TrainingListener#onCheckpoint}; the result, history
     * included, is exactly what the uninterrupted run gives.
     */
    public static TrainingResult resume(ModelSpec model, TrainingSpec spec, PreparedData data, TrainingListener listener,
            byte[] checkpoint) {
        return resume(model, spec, data, listener, checkpoint, Precision.FLOAT);
    }

    public static TrainingResult resume(ModelSpec model, TrainingSpec spec, PreparedData data, TrainingListener listener,
            byte[] checkpoint, Precision precision) {
        Trainer trainer = new Trainer(model, spec, data, listener, precision);
        Checkpoints.Restored restored = trainer.checkpoints().read(checkpoint);
        return trainer.run(restored.nextEpoch(), new ArrayList<>(restored.history()), SpecChecks.warnings(model));
    }

    private TrainingResult run(int firstEpoch, List<EpochMetrics> history, List<String> warnings) {
        for (int epoch = firstEpoch; epoch < spec.epochs(); epoch++) {
            double learningRate = LearningRates.at(spec.schedule(), spec.optimizer().learningRate(), epoch, spec.epochs());
            EpochRun epochRun = runEpoch(epoch, learningRate);
            if (epochRun.stopped()) {
                return new TrainingResult(StopReason.STOP_REQUESTED, history, null, null, warnings, bestEpoch(), export());
            }
            if (epochRun.failure() != null) {
                return new TrainingResult(StopReason.DIVERGED, history, null, epochRun.failure(), warnings, bestEpoch(),
                        null);
            }
            EpochMetrics metrics = measured(epochRun.metrics());
            history.add(metrics);
            listener.onEpoch(metrics);
            if (stopper != null && stop(metrics)) {
                return finish(StopReason.EARLY_STOPPED, history, warnings);
            }
            if (epoch + 1 < spec.epochs() && listener.checkpointDue(epoch)) {
                listener.onCheckpoint(epoch, checkpoints().write(epoch + 1, history));
            }
        }
        return finish(StopReason.MAX_EPOCHS, history, warnings);
    }

    /** The epoch's metrics with what the listener measured of the model after it, when it asked to. */
    private EpochMetrics measured(EpochMetrics metrics) {
        if (!listener.snapshotDue(metrics.epoch())) {
            return metrics;
        }
        Map<String, Double> values = new HashMap<>(metrics.values());
        values.putAll(listener.onSnapshot(metrics.epoch(), export()));
        return new EpochMetrics(metrics.epoch(), metrics.steps(), values);
    }

    private Checkpoints checkpoints() {
        List<Rng> streams = List.of(shuffle, noise, imageRng, network.dropoutRng());
        return new Checkpoints(fingerprint, network, optimizer, streams, order, guard, stopper, this::bestSnapshot,
                this::restoreBestSnapshot);
    }

    private record EpochRun(EpochMetrics metrics, String failure, boolean stopped) {
    }

    private EpochRun runEpoch(int epoch, double learningRate) {
        long started = System.nanoTime();
        // A full batch without augmentation trains on the split itself: its gradient does not depend on order.
        boolean wholeSplit = stepBatch == order.length && images == null && spec.augmentation().gaussianNoise() == 0;
        if (!wholeSplit) {
            shuffle.shuffle(order);
        }
        int rows = order.length;
        EpochTally tally = new EpochTally(network, before);
        for (int start = 0; start < rows; start += stepBatch) {
            if (listener.stopRequested()) {
                return new EpochRun(null, null, true);
            }
            int n = Math.min(stepBatch, rows - start);
            Tensor x = wholeSplit ? trainX : batches.features(trainX, order, start, n);
            Tensor y = wholeSplit ? trainY : batches.targets(trainY, order, start, n);
            augment(x);
            double loss = network.forward(x, y, true) + regularizer.penalty(network.parameters());
            if (tally.steps() == 0) {
                tally.recordScale(x);
            }
            long correct = countCorrect(y, n);
            network.backward(y);
            regularizer.addGradient(network.parameters(), network.gradients());
            double norm = GradientClipping.clip(network.gradients(), spec.gradientClipNorm());
            String failure = guard.check(loss, norm, epoch, tally.steps(), learningRate);
            if (failure != null) {
                return new EpochRun(null, failure, false);
            }
            tally.step(loss, norm, correct, n);
            if (start + n >= rows) {
                tally.rememberWeights();
            }
            optimizer.step(network.parameters(), network.gradients(), learningRate);
            regularizer.decay(network.parameters(), learningRate);
        }
        Map<String, Double> values = tally.metrics(targets.task() == Task.CLASSIFICATION, learningRate,
                (System.nanoTime() - started) / 1e9);
        if (validationX != null) {
            Evaluation validation = Evaluator.evaluate(network, targets, validationX, validationY, data.validation(),
                    batches, data.target());
            validation.metrics().forEach((name, value) -> values.put("val_" + name, value));
        }
        return new EpochRun(new EpochMetrics(epoch, tally.steps(), values), null, false);
    }

    private void augment(Tensor x) {
        if (images != null) {
            images.augment(x);
        }
        double sigma = spec.augmentation().gaussianNoise();
        if (sigma > 0) {
            for (int i = 0; i < x.size(); i++) {
                x.set(i, x.get(i) + sigma * noise.nextGaussian());
            }
        }
    }

    private long countCorrect(Tensor y, int n) {
        if (targets.task() != Task.CLASSIFICATION) {
            return 0;
        }
        Tensor predictions = network.lastPredictions();
        long correct = 0;
        for (int r = 0; r < n; r++) {
            correct += targets.predictedClass(predictions, r) == targets.predictedClass(y, r) ? 1 : 0;
        }
        return correct;
    }

    private boolean stop(EpochMetrics metrics) {
        double value = metrics.get(stopper.monitor());
        if (stopper.record(metrics.epoch(), value) && stopper.restoreBestWeights()) {
            snapshot();
        }
        return stopper.shouldStop();
    }

    /** The best epoch's parameters and state, or null when none is kept. */
    private List<Tensor> bestSnapshot() {
        if (bestParameters == null) {
            return null;
        }
        List<Tensor> snapshot = new ArrayList<>();
        snapshot.add(bestParameters);
        snapshot.addAll(bestState);
        return snapshot;
    }

    /** Allocates the snapshot tensors and returns them for a checkpoint to fill. */
    private List<Tensor> restoreBestSnapshot() {
        snapshot();
        return bestSnapshot();
    }

    private void snapshot() {
        if (bestParameters == null) {
            bestParameters = Tensor.zeros(network.precision(), 1, network.parameterCount());
            bestState = network.state().stream().map(t -> Tensor.zeros(network.precision(), t.rows(), t.cols())).toList();
        }
        bestParameters.copyFrom(network.parameters());
        for (int i = 0; i < bestState.size(); i++) {
            bestState.get(i).copyFrom(network.state().get(i));
        }
    }

    private TrainingResult finish(StopReason reason, List<EpochMetrics> history, List<String> warnings) {
        if (bestParameters != null) {
            network.parameters().copyFrom(bestParameters);
            for (int i = 0; i < bestState.size(); i++) {
                network.state().get(i).copyFrom(bestState.get(i));
            }
        }
        Evaluation test = null;
        if (!data.test().isEmpty()) {
            test = Evaluator.evaluate(network, targets, features(data.test(), network.precision()),
                    targets.encode(data.test(), network.precision()), data.test(), batches, data.target());
        }
        return new TrainingResult(reason, history, test, null, warnings, bestEpoch(), export());
    }

    private TrainedModel export() {
        return new TrainedModel(model, targets.loss(), targets.task(), data.featureCount(), targets.outputs(),
                data.classNames(), data.normalizer(), network.parameters().toArray(),
                network.state().stream().map(Tensor::toArray).toList(), data.imputer(), data.target());
    }

    private int bestEpoch() {
        return stopper == null ? -1 : stopper.bestEpoch();
    }

    private static Tensor features(Split split, Precision precision) {
        Tensor tensor = Tensor.zeros(precision, split.rows(), split.featureCount());
        tensor.setAll(split.features());
        return tensor;
    }
}

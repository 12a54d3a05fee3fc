package dev.trainyard.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** PyTorch 2.7 (CPU) through DJL 0.36, offline from Maven artifacts. */
final class PytorchRunner implements Runner {

    PytorchRunner(int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    @Override
    public double timedSeconds(Workload w, float[] features, int[] labels) throws Exception {
        boolean digits = w.classification10();
        SequentialBlock block = new SequentialBlock();
        for (int units : w.hidden) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(digits ? Activation::relu : Activation::tanh);
        }
        block.add(Linear.builder().setUnits(w.outputs).build());
        try (Model model = Model.newInstance("bench", "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(
                    digits ? Loss.softmaxCrossEntropyLoss() : Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(digits ? Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build()
                            : Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(w.batch, w.features));
                NDManager manager = trainer.getManager();
                NDArray x = manager.create(features, new Shape(w.samples, w.features));
                float[] y = new float[w.samples];
                for (int i = 0; i < w.samples; i++) {
                    y[i] = labels[i];
                }
                NDArray labelArray = manager.create(y, new Shape(w.samples, 1));
                ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(labelArray)
                        .setSampling(w.batch, false).build();
                for (int e = 0; e < w.warmupEpochs; e++) {
                    epoch(trainer, dataset);
                }
                long start = System.nanoTime();
                for (int e = 0; e < w.timedEpochs; e++) {
                    epoch(trainer, dataset);
                }
                return (System.nanoTime() - start) / 1e9;
            }
        }
    }

    private static void epoch(Trainer trainer, ArrayDataset dataset) throws Exception {
        for (Batch batch : trainer.iterateDataset(dataset)) {
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
            batch.close();
        }
    }
}

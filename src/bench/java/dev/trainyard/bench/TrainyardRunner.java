package dev.trainyard.bench;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.engine.train.EpochMetrics;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;
import dev.trainyard.engine.train.TrainingResult;

/** Trainyard's engine, through its public facade, as the service runs it. */
final class TrainyardRunner implements Runner {

    @Override
    public double timedSeconds(Workload w, float[] features, int[] labels) {
        double[] x = new double[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = features[i];
        }
        Split split = Split.classification(x, w.features, labels);
        Split empty = Split.classification(new double[0], w.features, new int[0]);
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < (w.classification10() ? 10 : 2); c++) {
            classes.add(String.valueOf(c));
        }
        PreparedData data = new PreparedData(Task.CLASSIFICATION, classes, split, empty, empty, null, null);
        Activation activation = w.classification10() ? Activation.RELU : Activation.TANH;
        List<LayerSpec> layers = new ArrayList<>();
        for (int units : w.hidden) {
            layers.add(new LayerSpec.Dense(units, activation, 0.01, new Init.Xavier()));
        }
        ModelSpec model = new ModelSpec(layers, w.classification10() ? Output.SOFTMAX : Output.SIGMOID,
                w.classification10() ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.BINARY_CROSS_ENTROPY);
        OptimizerSpec optimizer = w.classification10() ? OptimizerSpec.Adam.defaults(1e-3) : new OptimizerSpec.Sgd(0.1);
        TrainingSpec training = new TrainingSpec(w.warmupEpochs + w.timedEpochs,
                w.batch >= w.samples ? Batch.full() : Batch.of(w.batch), optimizer, null, null, null, null, null, 1);
        TrainingResult result = Trainer.train(model, training, data, TrainingListener.NONE);
        double seconds = 0;
        for (EpochMetrics epoch : result.history().subList(w.warmupEpochs, result.history().size())) {
            seconds += epoch.get("epoch_seconds");
        }
        return seconds;
    }
}

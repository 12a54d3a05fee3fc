package dev.trainyard.bench;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J's MultiLayerNetwork 1.0.0-M2.1 on the same ND4J. */
final class Dl4jRunner implements Runner {

    @Override
    public double timedSeconds(Workload w, float[] features, int[] labels) {
        boolean digits = w.classification10();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT)
                .updater(digits ? new Adam(1e-3) : new Sgd(0.1)).weightInit(WeightInit.XAVIER).list();
        int in = w.features;
        for (int units : w.hidden) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(units)
                    .activation(digits ? Activation.RELU : Activation.TANH).build());
            in = units;
        }
        layers.layer(new OutputLayer.Builder(digits ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.XENT)
                .nIn(in).nOut(w.outputs).activation(digits ? Activation.SOFTMAX : Activation.SIGMOID).build());
        MultiLayerConfiguration configuration = layers.build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();

        INDArray x = Nd4j.create(features, new long[] {w.samples, w.features});
        INDArray y = Nd4j.zeros(DataType.FLOAT, w.samples, w.outputs);
        for (int i = 0; i < w.samples; i++) {
            y.putScalar(i, digits ? labels[i] : 0, digits ? 1 : labels[i]);
        }
        List<DataSet> batches = new DataSet(x, y).batchBy(w.batch);
        for (int e = 0; e < w.warmupEpochs; e++) {
            batches.forEach(network::fit);
        }
        long start = System.nanoTime();
        for (int e = 0; e < w.timedEpochs; e++) {
            batches.forEach(network::fit);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}

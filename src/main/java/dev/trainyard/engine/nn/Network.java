package dev.trainyard.engine.nn;

import java.util.ArrayList;
import java.util.List;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.loss.OutputLoss;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * A multilayer network: hidden layers, then a linear output layer fused with its loss. All
 * trainable parameters live in one flat vector and all gradients in another, laid out layer by
 * layer; {@link #groups()} says which slice is what.
 *
 * <p>The output layer starts like the hidden layers when they start symmetric (zeros or a
 * constant), so the symmetry problem shows in full; otherwise it starts with Xavier.
 */
public final class Network {

    /** Random stream purposes, so that adding dropout does not change the initial weights. */
    static final long INIT_STREAM = 1;
    static final long DROPOUT_STREAM = 2;

    private final List<Layer> hidden;
    private final DenseLayer output;
    private final OutputLoss loss;
    private final Precision precision;
    private final Tensor parameters;
    private final Tensor gradients;
    private final List<ParameterGroup> groups = new ArrayList<>();
    private final Rng dropoutRng;
    private BatchBuffer predictions;
    private BatchBuffer outputGradients;
    private int maxBatch;
    private int lastRows;

    private Network(List<Layer> hidden, DenseLayer output, OutputLoss loss, Precision precision, Rng dropoutRng) {
        this.hidden = hidden;
        this.output = output;
        this.loss = loss;
        this.precision = precision;
        this.dropoutRng = dropoutRng;
        int count = hidden.stream().mapToInt(Layer::parameterCount).sum() + output.parameterCount();
        this.parameters = Tensor.zeros(precision, 1, count);
        this.gradients = Tensor.zeros(precision, 1, count);
        int offset = 0;
        for (Layer layer : all()) {
            layer.bind(parameters, gradients, offset, groups);
            offset += layer.parameterCount();
        }
    }

    /**
     * Builds and initializes a network for {@code inputs} features and {@code outputs} targets.
     *
     * @param loss a concrete loss (AUTO already resolved from the task)
     */
    public static Network build(ModelSpec model, int inputs, int outputs, Loss loss, Precision precision, long seed) {
        Rng dropoutRng = Rng.stream(seed, DROPOUT_STREAM);
        List<Layer> hidden = new ArrayList<>();
        int width = inputs;
        Init lastInit = new Init.Xavier();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = layer(model.layers().get(i), "layer" + i, width, precision, dropoutRng);
            hidden.add(layer);
            width = layer.outputWidth();
            lastInit = lastDenseInit(model.layers().get(i), lastInit);
        }
        Init outputInit = lastInit.symmetric() ? lastInit : new Init.Xavier();
        DenseLayer output = new DenseLayer("output", width, outputs, Activation.LINEAR, 0, outputInit, precision);
        Network network = new Network(hidden, output, OutputLoss.of(loss), precision, dropoutRng);
        InitContext context = new InitContext(Rng.stream(seed, INIT_STREAM));
        network.all().forEach(layer -> layer.initialize(context));
        return network;
    }

    private static Layer layer(LayerSpec spec, String name, int width, Precision precision, Rng dropoutRng) {
        if (spec instanceof LayerSpec.Dense dense) {
            return new DenseLayer(name, width, dense.units(), dense.activation(), dense.alpha(), dense.init(), precision);
        }
        if (spec instanceof LayerSpec.BatchNorm norm) {
            return new BatchNormLayer(name, width, norm.momentum(), norm.epsilon(), precision);
        }
        if (spec instanceof LayerSpec.Dropout dropout) {
            return new DropoutLayer(width, dropout.rate(), dropoutRng, precision);
        }
        LayerSpec.Residual residual = (LayerSpec.Residual) spec;
        spec.outputWidth(width);
        List<Layer> inner = new ArrayList<>();
        int innerWidth = width;
        for (int i = 0; i < residual.layers().size(); i++) {
            Layer layer = layer(residual.layers().get(i), name + "." + i, innerWidth, precision, dropoutRng);
            inner.add(layer);
            innerWidth = layer.outputWidth();
        }
        return new ResidualBlock(inner, precision);
    }

    private static Init lastDenseInit(LayerSpec spec, Init previous) {
        if (spec instanceof LayerSpec.Dense dense) {
            return dense.init();
        }
        if (spec instanceof LayerSpec.Residual residual) {
            Init init = previous;
            for (LayerSpec inner : residual.layers()) {
                init = lastDenseInit(inner, init);
            }
            return init;
        }
        return previous;
    }

    /** Sizes every per-batch buffer for batches of up to maxBatch rows. */
    public void allocate(int maxBatch) {
        if (maxBatch <= this.maxBatch) {
            return;
        }
        this.maxBatch = maxBatch;
        all().forEach(layer -> layer.allocate(maxBatch));
        predictions = new BatchBuffer(precision, maxBatch, output.outputWidth());
        outputGradients = new BatchBuffer(precision, maxBatch, output.outputWidth());
    }

    /** Forward pass; returns the data loss (mean over rows), without regularization. */
    public double forward(Tensor x, Tensor targets, boolean training) {
        Tensor z = logits(x, training);
        lastRows = x.rows();
        return loss.forward(z, targets, predictions.rows(x.rows()));
    }

    /** The predictions of the last {@link #forward}. */
    public Tensor lastPredictions() {
        return predictions.rows(lastRows);
    }

    /** Backward pass after {@link #forward}: writes every gradient into the flat gradient vector. */
    public void backward(Tensor targets) {
        Tensor dz = outputGradients.rows(targets.rows());
        loss.gradient(predictions.rows(targets.rows()), targets, dz);
        Tensor g = output.backward(dz, !hidden.isEmpty());
        for (int i = hidden.size() - 1; i >= 0; i--) {
            g = hidden.get(i).backward(g, i > 0);
        }
    }

    /** Predictions (probabilities, or values for regression) for up to maxBatch rows, in inference mode. */
    public Tensor predict(Tensor x) {
        Tensor out = predictions.rows(x.rows());
        loss.predict(logits(x, false), out);
        return out;
    }

    private Tensor logits(Tensor x, boolean training) {
        if (x.rows() > maxBatch) {
            throw new IllegalArgumentException("batch of " + x.rows() + " rows exceeds the allocated " + maxBatch);
        }
        Tensor h = x;
        for (Layer layer : hidden) {
            h = layer.forward(h, training);
        }
        return output.forward(h, training);
    }

    public Tensor parameters() {
        return parameters;
    }

    public Tensor gradients() {
        return gradients;
    }

    public List<ParameterGroup> groups() {
        return List.copyOf(groups);
    }

    public int parameterCount() {
        return parameters.size();
    }

    public int outputWidth() {
        return output.outputWidth();
    }

    public Precision precision() {
        return precision;
    }

    /** What each hidden dense layer computed in the last forward pass (residual blocks included). */
    public List<LayerActivity> activity() {
        List<LayerActivity> activity = new ArrayList<>();
        collectActivity(hidden, activity);
        return activity;
    }

    private static void collectActivity(List<Layer> layers, List<LayerActivity> into) {
        for (Layer layer : layers) {
            if (layer instanceof DenseLayer dense && dense.lastPreActivations() != null) {
                into.add(new LayerActivity(dense.name(), dense.activation(), dense.lastPreActivations(),
                        dense.lastActivations()));
            } else if (layer instanceof ResidualBlock block) {
                collectActivity(block.inner(), into);
            }
        }
    }

    /** Non-trainable state (batch-norm running statistics), in layer order. */
    public List<Tensor> state() {
        return hidden.stream().flatMap(layer -> layer.state().stream()).toList();
    }

    /** The random stream dropout draws its masks from. */
    public Rng dropoutRng() {
        return dropoutRng;
    }

    private List<Layer> all() {
        List<Layer> layers = new ArrayList<>(hidden);
        layers.add(output);
        return layers;
    }
}

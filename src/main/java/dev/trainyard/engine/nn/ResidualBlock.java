package dev.trainyard.engine.nn;

import java.util.List;

import dev.trainyard.engine.tensor.Kernels;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/** y = x + f(x) for a width-preserving stack f. Backward: dx = dy + (df/dx)^T dy. */
final class ResidualBlock implements Layer {

    private final List<Layer> inner;
    private final int width;
    private final Precision precision;
    private BatchBuffer outputs;
    private BatchBuffer skipGradients;

    ResidualBlock(List<Layer> inner, Precision precision) {
        this.inner = List.copyOf(inner);
        this.width = inner.get(0).inputWidth();
        this.precision = precision;
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int parameterCount() {
        return inner.stream().mapToInt(Layer::parameterCount).sum();
    }

    @Override
    public void bind(Tensor parameters, Tensor gradients, int offset, List<ParameterGroup> groups) {
        int at = offset;
        for (Layer layer : inner) {
            layer.bind(parameters, gradients, at, groups);
            at += layer.parameterCount();
        }
    }

    @Override
    public void initialize(InitContext context) {
        inner.forEach(layer -> layer.initialize(context));
    }

    @Override
    public void allocate(int maxBatch) {
        inner.forEach(layer -> layer.allocate(maxBatch));
        outputs = new BatchBuffer(precision, maxBatch, width);
        skipGradients = new BatchBuffer(precision, maxBatch, width);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor h = input;
        for (Layer layer : inner) {
            h = layer.forward(h, training);
        }
        Tensor y = outputs.rows(input.rows());
        y.copyFrom(h);
        Kernels.axpy(1, input, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor skip = skipGradients.rows(dy.rows());
        skip.copyFrom(dy); // inner layers overwrite the gradient they are given
        Tensor g = dy;
        for (int i = inner.size() - 1; i >= 0; i--) {
            g = inner.get(i).backward(g, true);
        }
        Kernels.axpy(1, g, skip);
        return skip;
    }

    @Override
    public List<Tensor> state() {
        return inner.stream().flatMap(layer -> layer.state().stream()).toList();
    }

    List<Layer> inner() {
        return inner;
    }
}

package dev.trainyard.engine.nn;

import java.util.List;

import dev.trainyard.engine.activation.Activations;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.tensor.Kernels;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * z = x W + b, a = f(z). Backward, with dz = da * f'(z): dW = x^T dz, db = column sums of dz,
 * dx = dz W^T. Products use transpose flags, never transposed copies.
 */
final class DenseLayer implements Layer {

    private final String name;
    private final int inputs;
    private final int units;
    private final Activation activation;
    private final double alpha;
    private final Init init;
    private final Precision precision;

    private Tensor weights;
    private Tensor biases;
    private Tensor weightGradients;
    private Tensor biasGradients;
    private BatchBuffer preActivations;
    private BatchBuffer activations;
    private BatchBuffer inputGradients;
    private Tensor input;
    private Tensor z;
    private Tensor a;

    DenseLayer(String name, int inputs, int units, Activation activation, double alpha, Init init, Precision precision) {
        this.name = name;
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.alpha = alpha;
        this.init = init;
        this.precision = precision;
    }

    @Override
    public int inputWidth() {
        return inputs;
    }

    @Override
    public int outputWidth() {
        return units;
    }

    @Override
    public int parameterCount() {
        return inputs * units + units;
    }

    @Override
    public void bind(Tensor parameters, Tensor gradients, int offset, List<ParameterGroup> groups) {
        weights = parameters.view(offset, inputs, units);
        weightGradients = gradients.view(offset, inputs, units);
        biases = parameters.view(offset + inputs * units, 1, units);
        biasGradients = gradients.view(offset + inputs * units, 1, units);
        groups.add(new ParameterGroup(name, ParameterGroup.Kind.WEIGHTS, offset, inputs * units));
        groups.add(new ParameterGroup(name, ParameterGroup.Kind.BIASES, offset + inputs * units, units));
    }

    @Override
    public void initialize(InitContext context) {
        context.fill(init, weights, biases);
    }

    @Override
    public void allocate(int maxBatch) {
        preActivations = new BatchBuffer(precision, maxBatch, units);
        activations = activation == Activation.LINEAR ? preActivations : new BatchBuffer(precision, maxBatch, units);
        inputGradients = new BatchBuffer(precision, maxBatch, inputs);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        input = x;
        z = preActivations.rows(x.rows());
        Kernels.gemm(x, false, weights, false, z, 1, 0);
        Kernels.addRowVector(z, biases);
        a = activations.rows(x.rows());
        Activations.forward(activation, alpha, z, a);
        return a;
    }

    /** Overwrites the activation gradient with dz in place (nothing else reads it afterwards). */
    @Override
    public Tensor backward(Tensor outputGradient, boolean needInputGradient) {
        Activations.backward(activation, alpha, z, a, outputGradient, outputGradient);
        Kernels.gemm(input, true, outputGradient, false, weightGradients, 1, 0);
        Kernels.sumColumns(outputGradient, biasGradients, 0);
        if (!needInputGradient) {
            return null;
        }
        Tensor dx = inputGradients.rows(outputGradient.rows());
        Kernels.gemm(outputGradient, false, weights, true, dx, 1, 0);
        return dx;
    }

    String name() {
        return name;
    }

    Activation activation() {
        return activation;
    }

    /** The pre-activations of the last forward pass (for dead and saturated unit counts). */
    Tensor lastPreActivations() {
        return z;
    }

    Tensor lastActivations() {
        return a;
    }
}

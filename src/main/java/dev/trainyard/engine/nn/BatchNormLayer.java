package dev.trainyard.engine.nn;

import java.util.List;

import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Batch normalization per feature j. Training: mu and var (biased) from the batch,
 * xhat = (x - mu) / sqrt(var + eps), y = gamma * xhat + beta, and running averages
 * r = momentum * r + (1 - momentum) * batch value (the running variance uses the unbiased
 * n / (n - 1) estimate). Inference uses the running averages instead of the batch's.
 * Backward: dgamma = sum dy * xhat, dbeta = sum dy,
 * dx = (gamma / (n sqrt(var + eps))) * (n dy - sum dy - xhat * sum(dy * xhat)).
 */
final class BatchNormLayer implements Layer {

    private final String name;
    private final int width;
    private final double momentum;
    private final double epsilon;
    private final Precision precision;

    private Tensor gamma;
    private Tensor beta;
    private Tensor gammaGradients;
    private Tensor betaGradients;
    private final Tensor runningMean;
    private final Tensor runningVariance;
    private final double[] inverseStd;
    private BatchBuffer normalized;
    private BatchBuffer outputs;
    private BatchBuffer inputGradients;
    private Tensor xhat;

    BatchNormLayer(String name, int width, double momentum, double epsilon, Precision precision) {
        this.name = name;
        this.width = width;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.precision = precision;
        this.runningMean = Tensor.zeros(precision, 1, width);
        this.runningVariance = Tensor.zeros(precision, 1, width);
        this.runningVariance.fill(1);
        this.inverseStd = new double[width];
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int parameterCount() {
        return 2 * width;
    }

    @Override
    public void bind(Tensor parameters, Tensor gradients, int offset, List<ParameterGroup> groups) {
        gamma = parameters.view(offset, 1, width);
        gammaGradients = gradients.view(offset, 1, width);
        beta = parameters.view(offset + width, 1, width);
        betaGradients = gradients.view(offset + width, 1, width);
        groups.add(new ParameterGroup(name, ParameterGroup.Kind.SCALE, offset, width));
        groups.add(new ParameterGroup(name, ParameterGroup.Kind.SHIFT, offset + width, width));
    }

    @Override
    public void initialize(InitContext context) {
        gamma.fill(1);
        beta.fill(0);
        runningMean.fill(0);
        runningVariance.fill(1);
    }

    @Override
    public void allocate(int maxBatch) {
        normalized = new BatchBuffer(precision, maxBatch, width);
        outputs = new BatchBuffer(precision, maxBatch, width);
        inputGradients = new BatchBuffer(precision, maxBatch, width);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = x.rows();
        xhat = normalized.rows(n);
        Tensor y = outputs.rows(n);
        for (int j = 0; j < width; j++) {
            double mean;
            double variance;
            if (training) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += x.get(i * width + j);
                }
                mean = sum / n;
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    double d = x.get(i * width + j) - mean;
                    squares += d * d;
                }
                variance = squares / n;
                double unbiased = n > 1 ? squares / (n - 1) : variance;
                runningMean.set(j, momentum * runningMean.get(j) + (1 - momentum) * mean);
                runningVariance.set(j, momentum * runningVariance.get(j) + (1 - momentum) * unbiased);
            } else {
                mean = runningMean.get(j);
                variance = runningVariance.get(j);
            }
            double inv = 1 / Math.sqrt(variance + epsilon);
            inverseStd[j] = inv;
            double g = gamma.get(j);
            double b = beta.get(j);
            for (int i = 0; i < n; i++) {
                int at = i * width + j;
                double h = (x.get(at) - mean) * inv;
                xhat.set(at, h);
                y.set(at, g * h + b);
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient) {
        int n = dy.rows();
        Tensor dx = needInputGradient ? inputGradients.rows(n) : null;
        for (int j = 0; j < width; j++) {
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int i = 0; i < n; i++) {
                int at = i * width + j;
                sumDy += dy.get(at);
                sumDyXhat += dy.get(at) * xhat.get(at);
            }
            gammaGradients.set(j, sumDyXhat);
            betaGradients.set(j, sumDy);
            if (dx != null) {
                double scale = gamma.get(j) * inverseStd[j] / n;
                for (int i = 0; i < n; i++) {
                    int at = i * width + j;
                    dx.set(at, scale * (n * dy.get(at) - sumDy - xhat.get(at) * sumDyXhat));
                }
            }
        }
        return dx;
    }

    @Override
    public List<Tensor> state() {
        return List.of(runningMean, runningVariance);
    }
}

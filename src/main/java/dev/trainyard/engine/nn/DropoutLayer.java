package dev.trainyard.engine.nn;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Inverted dropout: in training each unit is kept with probability 1 - p and scaled by 1 / (1 - p),
 * so the expected activation is unchanged and inference is the identity. dx = dy * mask.
 */
final class DropoutLayer implements Layer {

    private final int width;
    private final double rate;
    private final Rng rng;
    private final Precision precision;
    private BatchBuffer masks;
    private BatchBuffer outputs;
    private Tensor mask;

    DropoutLayer(int width, double rate, Rng rng, Precision precision) {
        this.width = width;
        this.rate = rate;
        this.rng = rng;
        this.precision = precision;
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public void allocate(int maxBatch) {
        masks = new BatchBuffer(precision, maxBatch, width);
        outputs = new BatchBuffer(precision, maxBatch, width);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (!training || rate == 0) {
            mask = null;
            return input;
        }
        mask = masks.rows(input.rows());
        Tensor output = outputs.rows(input.rows());
        double keep = 1 / (1 - rate);
        for (int i = 0; i < input.size(); i++) {
            double m = rng.nextDouble() < rate ? 0 : keep;
            mask.set(i, m);
            output.set(i, input.get(i) * m);
        }
        return output;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean needInputGradient) {
        if (mask != null) {
            for (int i = 0; i < outputGradient.size(); i++) {
                outputGradient.set(i, outputGradient.get(i) * mask.get(i));
            }
        }
        return outputGradient;
    }
}

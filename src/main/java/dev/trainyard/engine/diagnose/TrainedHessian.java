package dev.trainyard.engine.diagnose;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.data.Split;
import dev.trainyard.engine.model.ModelDocument;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The Hessian of a trained model's loss: its network rebuilt in double precision at the trained weights, the loss
 * over a seeded draw of {@code samples} rows of the job's own training split (prepared as training prepared it), and
 * {@link HessianSpectrum} over it.
 */
public final class TrainedHessian {

    /** A sharpness probe's sample and Lanczos steps: about 40 gradients' work over the sample. */
    public static final int PROBE_SAMPLES = 512;
    public static final int PROBE_STEPS = 20;

    /** The spectrum, with the loss and gradient norm at the point and how many rows it was taken over. */
    public record Report(HessianSpectrum.Result spectrum, HessianSpectrum.Options options, double loss,
                         double gradientNorm, int samples, double seconds) {
    }

    private TrainedHessian() {
    }

    /** The parameter count of a model document. */
    public static int parameters(String modelDocument) {
        return ModelDocument.read(modelDocument).parameters().length;
    }

    /**
     * The loss of a model document's network over a seeded draw of {@code samples} rows of its training split, as
     * Hessian-vector products and evaluations at any point.
     */
    public static LossHessian sample(String modelDocument, LabeledData rows, SplitSpec split, int samples, long seed) {
        return sample(ModelDocument.read(modelDocument), Preparation.prepare(rows, split).train(), samples, seed);
    }

    /** The loss of {@code model} over a seeded draw of {@code samples} rows of {@code train}, its training split. */
    public static LossHessian sample(TrainedModel model, Split train, int samples, long seed) {
        int n = Math.min(samples, train.rows());
        int[] order = new int[train.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        new Rng(seed).shuffle(order);
        Network network = Network.build(model.model(), model.inputs(), model.outputs(), model.loss(), Precision.DOUBLE,
                seed);
        network.parameters().setAll(model.parameters());
        for (int i = 0; i < network.state().size(); i++) {
            network.state().get(i).setAll(model.state().get(i));
        }
        network.allocate(n);
        Tensor x = Tensor.zeros(Precision.DOUBLE, n, train.featureCount());
        Tensor y = Tensor.zeros(Precision.DOUBLE, n, model.outputs());
        for (int r = 0; r < n; r++) {
            int row = order[r];
            for (int f = 0; f < train.featureCount(); f++) {
                x.set(r, f, train.features()[row * train.featureCount() + f]);
            }
            if (train.labels() == null) {
                for (int c = 0; c < model.outputs(); c++) {
                    y.set(r, c, train.values()[row * train.targetWidth() + c]);
                }
            } else if (model.loss() == Loss.SOFTMAX_CROSS_ENTROPY || model.outputs() > 1) {
                y.set(r, train.labels()[row], 1);
            } else {
                y.set(r, 0, train.labels()[row]);
            }
        }
        return new LossHessian(network, x, y);
    }

    /**
     * The sharpness of {@code model} as a probe while training takes it: the largest eigenvalue of its training
     * loss's Hessian over a seeded draw of at most {@value #PROBE_SAMPLES} rows of {@code train}, by
     * {@value #PROBE_STEPS} Lanczos steps (the extreme eigenvalues converge first).
     */
    public static double sharpness(TrainedModel model, Split train, long seed) {
        LossHessian hessian = sample(model, train, PROBE_SAMPLES, seed);
        double[] values = Lanczos.run(hessian, HessianSpectrum.gaussian(hessian.dimension(), new Rng(seed + 1)),
                PROBE_STEPS).values();
        return values[values.length - 1];
    }

    public static Report analyze(String modelDocument, LabeledData rows, SplitSpec split, double learningRate,
            HessianSpectrum.Options options, int samples, long seed, HessianSpectrum.Progress progress) {
        long started = System.nanoTime();
        LossHessian hessian = sample(modelDocument, rows, split, samples, seed);
        double loss = hessian.loss();
        double gradient = LossHessian.norm(hessian.gradient());
        HessianSpectrum.Result result = HessianSpectrum.analyze(hessian, options, new Rng(seed + 1), learningRate,
                progress);
        return new Report(result, options, loss, gradient, hessian.rows(), (System.nanoTime() - started) / 1e9);
    }
}

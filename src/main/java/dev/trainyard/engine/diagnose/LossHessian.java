package dev.trainyard.engine.diagnose;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The Hessian of a network's data loss (mean over the rows of one fixed sample) with respect to all its parameters, at
 * the parameters it holds, as Hessian-vector products: H v = (g(θ + h u) - g(θ - h u)) / (2 h / |v|) with u = v / |v|,
 * a central difference of two exact (backpropagated) gradients in double precision. Its truncation error is of order
 * h² times the third derivatives: with h = {@value #STEP} it is below 1e-8 relative on smooth losses, far under
 * rounding's 1e-16 / h (LossHessianTest holds it to exact Hessians). One product costs two gradients.
 *
 * <p>The loss is the one the training steps see: batch norm with the sample's statistics, and one dropout mask, the
 * same for every evaluation. The network must be built in double precision and allocated for the sample's rows; its
 * parameters are restored after each product.
 */
public final class LossHessian implements HessianVector {

    static final double STEP = 1e-4;

    private final Network network;
    private final Tensor x;
    private final Tensor y;
    private final Rng.State masks;
    private final double[] at;

    public LossHessian(Network network, Tensor x, Tensor y) {
        if (network.precision() != Precision.DOUBLE) {
            throw new IllegalArgumentException("Hessian-vector products need a network in double precision");
        }
        this.network = network;
        this.x = x;
        this.y = y;
        this.masks = network.dropoutRng().save();
        this.at = network.parameters().toArray();
    }

    @Override
    public int dimension() {
        return at.length;
    }

    /** The loss at the point, in the same evaluation the products use. */
    public double loss() {
        return lossAt(at);
    }

    /** The loss at {@code point} (the point itself is left as it was). */
    public double lossAt(double[] point) {
        network.parameters().setAll(point);
        network.dropoutRng().restore(masks);
        double loss = network.forward(x, y, true);
        network.parameters().setAll(at);
        return loss;
    }

    /** The trained point: the parameters the products are taken at. */
    public double[] point() {
        return at.clone();
    }

    public Network network() {
        return network;
    }

    /** The rows the loss is taken over. */
    public int rows() {
        return x.rows();
    }

    /** The gradient at the point. */
    public double[] gradient() {
        return gradientAt(at, null, 0);
    }

    @Override
    public double[] times(double[] v) {
        double norm = norm(v);
        double[] product = new double[v.length];
        if (norm == 0) {
            return product;
        }
        double h = STEP / norm; // the step along v has length STEP
        double[] plus = gradientAt(at, v, h);
        double[] minus = gradientAt(at, v, -h);
        for (int i = 0; i < product.length; i++) {
            product[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return product;
    }

    private double[] gradientAt(double[] point, double[] direction, double h) {
        double[] moved = point.clone();
        if (direction != null) {
            for (int i = 0; i < moved.length; i++) {
                moved[i] += h * direction[i];
            }
        }
        network.parameters().setAll(moved);
        network.dropoutRng().restore(masks);
        network.forward(x, y, true);
        network.backward(y);
        double[] g = network.gradients().toArray();
        network.parameters().setAll(point);
        return g;
    }

    static double norm(double[] v) {
        double sum = 0;
        for (double value : v) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}

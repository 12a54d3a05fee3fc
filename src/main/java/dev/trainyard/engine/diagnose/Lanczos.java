package dev.trainyard.engine.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * The Lanczos iteration on a symmetric map, with full reorthogonalization (every new vector is made orthogonal to all
 * the earlier ones, twice, so the basis stays orthonormal to rounding and no spurious copies of converged eigenvalues
 * appear). m steps give the m × m tridiagonal matrix T whose eigenvalues (Ritz values) approximate the map's extreme
 * eigenvalues first; with m equal to the dimension they are all of them. The squared first components of T's
 * eigenvectors are the weights of stochastic Lanczos quadrature.
 */
public final class Lanczos {

    /** Ritz values ascending, their quadrature weights, and the basis (to form Ritz vectors). */
    public record Run(double[] values, double[] weights, double[][] ritzInBasis, List<double[]> basis) {

        /** The Ritz vector of values[k], a unit vector of the map's dimension. */
        public double[] vector(int k) {
            int n = basis.get(0).length;
            double[] y = new double[n];
            for (int j = 0; j < basis.size(); j++) {
                double c = ritzInBasis[k][j];
                double[] q = basis.get(j);
                for (int i = 0; i < n; i++) {
                    y[i] += c * q[i];
                }
            }
            return y;
        }
    }

    private Lanczos() {
    }

    /** At most {@code steps} steps from {@code start}; fewer when an invariant subspace is reached. */
    public static Run run(HessianVector map, double[] start, int steps) {
        int n = map.dimension();
        int m = Math.min(steps, n);
        List<double[]> basis = new ArrayList<>();
        double[] q = scaled(start, 1 / LossHessian.norm(start));
        List<Double> alpha = new ArrayList<>();
        List<Double> beta = new ArrayList<>();
        double scale = 0;
        for (int j = 0; j < m; j++) {
            basis.add(q);
            double[] w = map.times(q);
            double a = dot(q, w);
            alpha.add(a);
            scale = Math.max(scale, Math.abs(a));
            for (int pass = 0; pass < 2; pass++) {
                for (double[] earlier : basis) {
                    double c = dot(earlier, w);
                    for (int i = 0; i < n; i++) {
                        w[i] -= c * earlier[i];
                    }
                }
            }
            double b = LossHessian.norm(w);
            scale = Math.max(scale, b);
            if (j == m - 1 || b <= 1e-12 * Math.max(scale, Double.MIN_NORMAL)) {
                break;
            }
            beta.add(b);
            q = scaled(w, 1 / b);
        }
        int k = alpha.size();
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            t[i][i] = alpha.get(i);
            if (i + 1 < k) {
                t[i][i + 1] = beta.get(i);
                t[i + 1][i] = beta.get(i);
            }
        }
        SymmetricEigen.Decomposition eig = SymmetricEigen.of(t);
        double[] weights = new double[k];
        for (int i = 0; i < k; i++) {
            weights[i] = eig.vectors()[i][0] * eig.vectors()[i][0];
        }
        return new Run(eig.values(), weights, eig.vectors(), basis);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }
}

package dev.trainyard.engine.diagnose;

import java.util.Arrays;

/**
 * Eigenvalues and eigenvectors of a small dense symmetric matrix by cyclic Jacobi rotations: each sweep zeroes every
 * off-diagonal entry in turn, and sweeps repeat until the off-diagonal mass is below 1e-14 of the whole. Meant for
 * Lanczos' tridiagonal matrices (tens of rows), where its O(n³) per sweep is nothing.
 */
final class SymmetricEigen {

    /** Eigenvalues ascending; vectors[k] is the unit eigenvector of values[k]. */
    record Decomposition(double[] values, double[][] vectors) {
    }

    private SymmetricEigen() {
    }

    static Decomposition of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        double total = 0;
        for (double[] row : a) {
            for (double x : row) {
                total += x * x;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += 2 * a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-28 * Math.max(total, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(a[i][i], a[j][j]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = a[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][order[k]];
            }
        }
        return new Decomposition(values, vectors);
    }

    /** One Jacobi rotation that zeroes a[p][q] (Golub and Van Loan, Algorithm 8.5.2). */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}

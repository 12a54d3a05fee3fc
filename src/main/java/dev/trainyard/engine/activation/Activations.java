package dev.trainyard.engine.activation;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Hidden-layer activations a = f(z), applied element by element, and their backward pass
 * dz = da * f'(z). Sigmoid and tanh derivatives are taken from the output (a(1 - a), 1 - a^2),
 * so the backward pass needs no second exponential.
 */
public final class Activations {

    private Activations() {
    }

    public static void forward(Activation kind, double alpha, Tensor z, Tensor a) {
        int n = z.size();
        if (z.isFloat() && a.isFloat() && kind != Activation.LINEAR) {
            forwardFloat(kind, (float) alpha, z.floats(), z.offset(), a.floats(), a.offset(), n);
            return;
        }
        switch (kind) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a.set(i, sigmoid(z.get(i)));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a.set(i, tanh(z.get(i)));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a.set(i, Math.max(0, z.get(i)));
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z.get(i);
                    a.set(i, v > 0 ? v : alpha * v);
                }
            }
            case LINEAR -> {
                if (a != z) {
                    a.copyFrom(z);
                }
            }
        }
    }

    /** dz = da * f'(z), from the pre-activation z and the activation a = f(z); dz may be da itself. */
    public static void backward(Activation kind, double alpha, Tensor z, Tensor a, Tensor da, Tensor dz) {
        int n = z.size();
        if (z.isFloat() && a.isFloat() && da.isFloat() && dz.isFloat() && kind != Activation.LINEAR) {
            backwardFloat(kind, (float) alpha, z.floats(), z.offset(), a.floats(), a.offset(), da.floats(), da.offset(),
                    dz.floats(), dz.offset(), n);
            return;
        }
        switch (kind) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double s = a.get(i);
                    dz.set(i, da.get(i) * s * (1 - s));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double t = a.get(i);
                    dz.set(i, da.get(i) * (1 - t * t));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dz.set(i, z.get(i) > 0 ? da.get(i) : 0);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    dz.set(i, z.get(i) > 0 ? da.get(i) : alpha * da.get(i));
                }
            }
            case LINEAR -> {
                if (dz != da) {
                    dz.copyFrom(da);
                }
            }
        }
    }

    private static void forwardFloat(Activation kind, float alpha, float[] z, int zo, float[] a, int ao, int n) {
        switch (kind) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a[ao + i] = (float) sigmoid(z[zo + i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a[ao + i] = (float) tanh(z[zo + i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[ao + i] = Math.max(0f, z[zo + i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    float v = z[zo + i];
                    a[ao + i] = v > 0 ? v : alpha * v;
                }
            }
        }
    }

    private static void backwardFloat(Activation kind, float alpha, float[] z, int zo, float[] a, int ao, float[] da,
            int dao, float[] dz, int dzo, int n) {
        switch (kind) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float s = a[ao + i];
                    dz[dzo + i] = da[dao + i] * s * (1 - s);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float t = a[ao + i];
                    dz[dzo + i] = da[dao + i] * (1 - t * t);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dz[dzo + i] = z[zo + i] > 0 ? da[dao + i] : 0f;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    dz[dzo + i] = z[zo + i] > 0 ? da[dao + i] : alpha * da[dao + i];
                }
            }
        }
    }

    /** 1 / (1 + e^-z), computed without overflow for large |z|. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** tanh(z) = 1 - 2 / (e^2z + 1), one exponential instead of Math.tanh's slower path; exact to rounding. */
    public static double tanh(double z) {
        if (z > 20) {
            return 1;
        }
        if (z < -20) {
            return -1;
        }
        return 1 - 2 / (Math.exp(2 * z) + 1);
    }
}

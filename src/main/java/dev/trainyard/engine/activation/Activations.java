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

    /**
     * Loops index z and a with one variable when their offsets agree (buffers start at 0, so they
     * nearly always do): the JIT of Java 17 vectorizes a loop only when it can rule out that one
     * array's store feeds another's load, which it can for the same index and not for two offsets.
     */
    private static void forwardFloat(Activation kind, float alpha, float[] z, int zo, float[] a, int ao, int n) {
        if (zo == ao) {
            forwardAligned(kind, alpha, z, a, zo, zo + n);
            return;
        }
        switch (kind) {
            case SIGMOID -> {
                // sigmoid(z) = (1 + tanh(z / 2)) / 2
                for (int i = 0; i < n; i++) {
                    a[ao + i] = 0.5f + 0.5f * tanhFloat(0.5f * z[zo + i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a[ao + i] = tanhFloat(z[zo + i]);
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

    private static void forwardAligned(Activation kind, float alpha, float[] z, float[] a, int from, int to) {
        switch (kind) {
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    a[i] = 0.5f + 0.5f * tanhFloat(0.5f * z[i]);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    a[i] = tanhFloat(z[i]);
                }
            }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    a[i] = Math.max(0f, z[i]);
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    float v = z[i];
                    a[i] = v > 0 ? v : alpha * v;
                }
            }
        }
    }

    private static void backwardFloat(Activation kind, float alpha, float[] z, int zo, float[] a, int ao, float[] da,
            int dao, float[] dz, int dzo, int n) {
        if (zo == ao && ao == dao && dao == dzo) {
            backwardAligned(kind, alpha, z, a, da, dz, zo, zo + n);
            return;
        }
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

    private static void backwardAligned(Activation kind, float alpha, float[] z, float[] a, float[] da, float[] dz,
            int from, int to) {
        switch (kind) {
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    float s = a[i];
                    dz[i] = da[i] * s * (1 - s);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    float t = a[i];
                    dz[i] = da[i] * (1 - t * t);
                }
            }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    dz[i] = z[i] > 0 ? da[i] : 0f;
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    dz[i] = z[i] > 0 ? da[i] : alpha * da[i];
                }
            }
        }
    }

    /**
     * tanh in single precision as a rational function (the minimax approximation Eigen uses for
     * float): x clamped to +-7.905311, tanh = x p(x^2) / q(x^2) with p of degree 6 and q of degree 3.
     * Within 6 float ulps of the true value (ActivationsTest), and plain arithmetic, so loops over it vectorize.
     */
    public static float tanhFloat(float x) {
        float c = Math.min(7.90531110763549805f, Math.max(-7.90531110763549805f, x));
        float x2 = c * c;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * c;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return p / q;
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

package dev.trainyard.bench;

import java.util.SplittableRandom;

/**
 * The benchmark workloads, with the same seeded data for every engine.
 * W1 "mnist-like": 784-256-128-10 ReLU, softmax cross-entropy, Adam 1e-3, batch 128, 20,000 samples.
 * W2 "tiny": 2-16-16-1 tanh, sigmoid + binary cross-entropy, SGD 0.1, batch 32, 4,000 samples.
 * W3 "full batch": W2's network, one batch of all 4,000 samples.
 */
enum Workload {
    W1(20_000, 784, new int[] {256, 128}, 10, 128, 1, 2),
    W2(4_000, 2, new int[] {16, 16}, 1, 32, 10, 20),
    W3(4_000, 2, new int[] {16, 16}, 1, 4_000, 100, 300);

    final int samples;
    final int features;
    final int[] hidden;
    final int outputs;
    final int batch;
    final int warmupEpochs;
    final int timedEpochs;

    Workload(int samples, int features, int[] hidden, int outputs, int batch, int warmupEpochs, int timedEpochs) {
        this.samples = samples;
        this.features = features;
        this.hidden = hidden;
        this.outputs = outputs;
        this.batch = batch;
        this.warmupEpochs = warmupEpochs;
        this.timedEpochs = timedEpochs;
    }

    boolean classification10() {
        return outputs > 1;
    }

    int stepsPerEpoch() {
        return (samples + batch - 1) / batch;
    }

    /** Row-major features. */
    float[] features() {
        SplittableRandom random = new SplittableRandom(1234);
        float[] x = new float[samples * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = classification10() ? (float) random.nextDouble() : (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Class labels: random digits for W1, the XOR of the signs for W2 and W3. */
    int[] labels(float[] x) {
        SplittableRandom random = new SplittableRandom(99);
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = classification10() ? random.nextInt(10) : (x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0);
        }
        return labels;
    }
}

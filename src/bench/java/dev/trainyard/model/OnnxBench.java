package dev.trainyard.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.model.Predictor;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;

/**
 * Inference speed of a digits-sized MLP (64 inputs, 64-32 ReLU hidden, 10 softmax classes) on 100,000 raw rows:
 * the engine's {@link Predictor} against the same model exported with {@link OnnxExport} and run by ONNX Runtime,
 * with one intra-op thread and with ONNX Runtime's default. Rounds are interleaved after a warm-up; the medians are
 * printed as rows per second. Each timing covers a whole call on rows already in memory: the Predictor's
 * normalization, chunking and output arrays; ONNX Runtime's input tensor, the run and the copy of the output into
 * float[][]. ONNX Runtime is timed twice: from the rows as the endpoint holds them (double[][], as the Predictor
 * gets them, copied into one float buffer inside the timing) and from a float buffer made beforehand.
 * Run with src/bench/onnx.sh.
 */
public final class OnnxBench {

    static final int ROWS = 100_000;
    static final int FEATURES = 64;
    static final int CLASSES = 10;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        TrainedModel model = trained();
        double[][] rows = rows(ROWS, 123);
        float[] flat = flatten(rows);
        byte[] onnx = OnnxExport.export(model, "digits-mlp");
        Predictor predictor = Predictor.load(model);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions one = new OrtSession.SessionOptions();
        one.setIntraOpNumThreads(1);
        try (OrtSession single = environment.createSession(onnx, one);
             OrtSession parallel = environment.createSession(onnx, new OrtSession.SessionOptions())) {
            List<Long> engine = new ArrayList<>();
            List<Long> ortSameRows = new ArrayList<>();
            List<Long> ortSingle = new ArrayList<>();
            List<Long> ortDefault = new ArrayList<>();
            double check = 0;
            for (int round = -2; round < rounds; round++) { // two warm-up rounds
                long t0 = System.nanoTime();
                check += predictor.predict(rows).outputs()[ROWS - 1][0];
                long t1 = System.nanoTime();
                check += run(environment, single, flat)[ROWS - 1][0];
                long t2 = System.nanoTime();
                check += run(environment, single, flatten(rows))[ROWS - 1][0];
                long t2b = System.nanoTime();
                check += run(environment, parallel, flat)[ROWS - 1][0];
                long t3 = System.nanoTime();
                if (round >= 0) {
                    engine.add(t1 - t0);
                    ortSingle.add(t2 - t1);
                    ortSameRows.add(t2b - t2);
                    ortDefault.add(t3 - t2b);
                }
            }
            System.out.printf("rows %d, model 64-64-32-10 (relu, softmax), %d rounds, median rows/s:%n", ROWS, rounds);
            System.out.printf("  engine Predictor                                       %,12.0f%n", perSecond(engine));
            System.out.printf("  ONNX Runtime, 1 thread, from the same double[][] rows  %,12.0f%n", perSecond(ortSameRows));
            System.out.printf("  ONNX Runtime, 1 thread, from a float buffer made before %,11.0f%n", perSecond(ortSingle));
            System.out.printf("  ONNX Runtime, default threads, from the float buffer    %,11.0f   (%d cores)%n", perSecond(ortDefault),
                    Runtime.getRuntime().availableProcessors());
            System.out.println("  (checksum " + check + ")");
        }
    }

    private static float[] flatten(double[][] rows) {
        float[] flat = new float[rows.length * FEATURES];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < FEATURES; c++) {
                flat[r * FEATURES + c] = (float) rows[r][c];
            }
        }
        return flat;
    }

    private static float[][] run(OrtEnvironment environment, OrtSession session, float[] flat) throws Exception {
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(flat), new long[] {ROWS, FEATURES});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static double perSecond(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return ROWS / (sorted[sorted.length / 2] / 1e9);
    }

    /** A short training run on synthetic digits-like data: the speed does not depend on how well it learned. */
    private static TrainedModel trained() {
        int samples = 2_000;
        double[][] rows = rows(samples, 7);
        double[] features = new double[samples * FEATURES];
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < samples; r++) {
            System.arraycopy(rows[r], 0, features, r * FEATURES, FEATURES);
            labels.add("d" + (int) (Arrays.stream(rows[r], 0, 8).sum() / 2) % CLASSES);
        }
        LabeledData data = LabeledData.classification(features, FEATURES, labels);
        return Trainer.train(Specs.model(LayerSpec.Dense.of(64, Activation.RELU), LayerSpec.Dense.of(32, Activation.RELU)).build(),
                Specs.training(2).batch(Batch.of(64)).adam(0.01).build(), Preparation.prepare(data, SplitSpec.DEFAULT),
                TrainingListener.NONE).model();
    }

    /** Pixel-like values 0 to 16, as in the 8 x 8 digits. */
    private static double[][] rows(int count, long seed) {
        Rng rng = new Rng(seed);
        double[][] rows = new double[count][FEATURES];
        for (double[] row : rows) {
            for (int c = 0; c < FEATURES; c++) {
                row[c] = Math.floor(rng.nextDouble() * 17);
            }
        }
        return rows;
    }
}

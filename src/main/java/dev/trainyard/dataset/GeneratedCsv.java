package dev.trainyard.dataset;

import java.nio.charset.StandardCharsets;

import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.LabeledData;

/** Writes a generated dataset as CSV: features x0, x1 (or x) then the target column. */
final class GeneratedCsv {

    private GeneratedCsv() {
    }

    static byte[] of(GenerateRequest request) {
        int n = request.samplesOrDefault();
        double imbalance = request.imbalanceOrDefault();
        LabeledData data = imbalance == 1 ? balanced(request, n) : Generators.imbalanced(n,
                request.kind() == GenerateRequest.Kind.BLOBS ? request.classesOrDefault() : 2, imbalance,
                rows -> balanced(request, rows));
        int f = data.featureCount();
        StringBuilder csv = new StringBuilder(f == 1 ? "x" : "x0,x1").append(data.labels() != null ? ",label\n" : ",y\n");
        for (int r = 0; r < data.rows(); r++) {
            for (int j = 0; j < f; j++) {
                csv.append(data.features()[r * f + j]).append(',');
            }
            csv.append(data.labels() != null ? data.labels().get(r) : String.valueOf(data.values()[r])).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static LabeledData balanced(GenerateRequest request, int n) {
        double noise = request.noiseOrDefault();
        long seed = request.seedOrDefault();
        return switch (request.kind()) {
            case XOR -> Generators.xor(n, noise, seed);
            case CIRCLES -> Generators.circles(n, noise, seed);
            case MOONS -> Generators.moons(n, noise, seed);
            case SPIRALS -> Generators.spirals(n, noise, seed);
            case BLOBS -> Generators.blobs(n, request.classesOrDefault(), noise, seed);
            case LINEAR -> Generators.linear(n, noise, seed);
            case SINE -> Generators.sine(n, noise, seed);
        };
    }
}

package dev.trainyard.bench;

import java.util.Locale;

/**
 * One measurement in its own JVM: {@code EngineBench <engine> <workload> <threads>} prints one JSON
 * line with samples_per_s and us_per_step of the timed epochs. BLAS/OpenMP threads are set by the
 * caller's environment (OMP_NUM_THREADS and friends), since the native libraries read it at load.
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        Workload workload = Workload.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        Runner runner = switch (engine) {
            case "trainyard" -> new TrainyardRunner();
            case "dl4j" -> new Dl4jRunner();
            case "pytorch" -> new PytorchRunner(threads);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        float[] features = workload.features();
        int[] labels = workload.labels(features);
        double seconds = runner.timedSeconds(workload, features, labels);
        long steps = (long) workload.stepsPerEpoch() * workload.timedEpochs;
        long samples = (long) workload.samples * workload.timedEpochs;
        System.out.println(String.format(Locale.ROOT,
                "{\"engine\":\"%s\",\"workload\":\"%s\",\"threads\":%d,\"samples_per_s\":%.1f,\"us_per_step\":%.1f}",
                engine, workload, threads, samples / seconds, seconds / steps * 1e6));
    }
}

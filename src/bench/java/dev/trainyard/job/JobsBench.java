package dev.trainyard.job;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.trainyard.engine.EngineRuntime;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.train.Trainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's own costs, measured against a running node over HTTP (see {@code src/bench/jobs.sh}):
 * <ul>
 *   <li>{@code overhead}: one job trained by the node vs the same plan on the engine alone in this JVM;</li>
 *   <li>{@code tiny}: many tiny jobs through one node, jobs per second and cost per job beyond training;</li>
 *   <li>{@code submit}: submission latency with many concurrent clients, back to back or pausing between jobs;</li>
 *   <li>{@code metrics}: a job of 100,000 epochs, then its train_loss history read down-sampled to 500 points.</li>
 * </ul>
 * Each phase prints one JSON line.
 */
public final class JobsBench {

    static final String OVERHEAD_SPEC = """
            {"name": "bench-overhead", "dataset": {"id": "builtin:digits"},
             "model": {"layers": [{"type": "dense", "units": 256}, {"type": "dense", "units": 128}]},
             "training": {"epochs": 40, "batch": {"mode": "mini_batch", "size": 32}}}
            """;
    static final String TINY_SPEC = """
            {"name": "bench-tiny", "dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 8}]},
             "training": {"epochs": 10}}
            """;

    static final String HISTORY_SPEC = """
            {"name": "bench-history", "dataset": {"generate": {"kind": "xor", "samples": 20, "seed": 5}},
             "model": {"layers": [{"type": "dense", "units": 2, "activation": "tanh"}]},
             "training": {"epochs": 100000, "batch": {"mode": "full"}}}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
    private final String base;
    private final String key;

    private JobsBench(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        JobsBench bench = new JobsBench(args[0], args[1]);
        String result = switch (args[2]) {
            case "overhead" -> bench.overhead(Integer.parseInt(args[3]));
            case "tiny" -> bench.tiny(Integer.parseInt(args[3]));
            case "submit" -> bench.submit(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "metrics" -> bench.metrics();
            default -> throw new IllegalArgumentException("phases: overhead, tiny, submit, metrics");
        };
        System.out.println(result);
        System.exit(0);
    }

    /**
     * Alternates service and engine runs of one spec; the first of each warms the JIT and is left out. Two views of
     * the overhead: whole runs compared across the two JVMs, and the time each run spends outside its epochs (the
     * epochs' own epoch_seconds subtracted), which leaves out how fast each JVM happened to train.
     */
    private String overhead(int repeats) throws Exception {
        List<Double> service = new ArrayList<>();
        List<Double> endToEnd = new ArrayList<>();
        List<Double> engine = new ArrayList<>();
        List<Double> serviceOutside = new ArrayList<>();
        List<Double> engineOutside = new ArrayList<>();
        for (int round = 0; round <= repeats; round++) {
            long start = System.nanoTime();
            JsonNode job = awaitEnded(post(OVERHEAD_SPEC).path("id").asString());
            double clientSeconds = (System.nanoTime() - start) / 1e9;
            double nodeSeconds = seconds(job.path("startedAt"), job.path("finishedAt"));
            double nodeEpochs = 0;
            for (JsonNode point : get("/api/v1/jobs/" + job.path("id").asString() + "/metrics/epoch_seconds?size=10000")
                    .path("points")) {
                nodeEpochs += point.path("value").asDouble();
            }
            double[] engineRun = engineAlone(OVERHEAD_SPEC, "digits");
            if (round > 0) {
                service.add(nodeSeconds);
                endToEnd.add(clientSeconds);
                engine.add(engineRun[0]);
                serviceOutside.add(nodeSeconds - nodeEpochs);
                engineOutside.add(engineRun[0] - engineRun[1]);
            }
        }
        return String.format(Locale.ROOT, "{\"phase\":\"overhead\",\"runs\":%d,\"service_s\":%s,\"engine_s\":%s,"
                + "\"end_to_end_s\":%s,\"median_service_s\":%.3f,\"median_engine_s\":%.3f,\"median_end_to_end_s\":%.3f,"
                + "\"overhead_pct\":%.1f,\"median_service_outside_epochs_s\":%.3f,"
                + "\"median_engine_outside_epochs_s\":%.3f,\"overhead_outside_epochs_pct\":%.1f}", repeats, service,
                engine, endToEnd, median(service), median(engine), median(endToEnd),
                100 * (median(service) / median(engine) - 1), median(serviceOutside), median(engineOutside),
                100 * (median(serviceOutside) - median(engineOutside)) / median(engine));
    }

    /** Submits {@code count} tiny jobs from 4 clients while the node trains them, and waits for all. */
    private String tiny(int count) throws Exception {
        List<Double> engineRuns = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            engineRuns.add(engineAlone(TINY_SPEC, "iris")[0] * 1000);
        }
        double engineMs = median(engineRuns.subList(20, 40));
        long start = System.nanoTime();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int share = count / 4 + (c < count % 4 ? 1 : 0);
            done.add(clients.submit(() -> {
                for (int i = 0; i < share; i++) {
                    ids.add(post(TINY_SPEC).path("id").asString());
                }
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get();
        }
        clients.shutdown();
        List<Double> nodeMs = new ArrayList<>();
        for (String id : ids) {
            JsonNode job = awaitEnded(id);
            nodeMs.add(seconds(job.path("startedAt"), job.path("finishedAt")) * 1000);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int slots = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "{\"phase\":\"tiny\",\"jobs\":%d,\"wall_s\":%.2f,\"jobs_per_s\":%.1f,"
                + "\"wall_ms_per_job_per_slot\":%.1f,\"median_node_ms_per_job\":%.1f,\"median_engine_ms_per_job\":%.1f,"
                + "\"node_overhead_ms_per_job\":%.1f,\"slots\":%d}", count, wall, count / wall,
                wall * 1000 * slots / count, median(nodeMs), engineMs, median(nodeMs) - engineMs, slots);
    }

    /**
     * {@code clients} threads each submit {@code each} jobs, pausing {@code pauseMs} between two (0: back to back, a
     * closed loop that measures the node at saturation); latency of every submission.
     */
    private String submit(int clients, int each, int pauseMs) throws Exception {
        submissions(clients, each, 0);
        long start = System.nanoTime();
        List<Double> latencies = submissions(clients, each, pauseMs);
        double wall = (System.nanoTime() - start) / 1e9;
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "{\"phase\":\"submit\",\"clients\":%d,\"pause_ms\":%d,\"requests\":%d,"
                + "\"per_s\":%.0f,\"p50_ms\":%.1f,\"p90_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f}", clients, pauseMs, sorted.length,
                sorted.length / wall, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Latencies of {@code clients} x {@code each} submissions; the first call warms the node's JIT and is discarded. */
    private List<Double> submissions(int clients, int each, int pauseMs) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    Thread.sleep(pauseMs == 0 ? 0 : (long) (pauseMs * (0.5 + Math.random())));
                    long sent = System.nanoTime();
                    post(TINY_SPEC);
                    latencies.add((System.nanoTime() - sent) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get();
        }
        pool.shutdown();
        return latencies;
    }

    /**
     * Trains a job of 100,000 epochs on a tiny dataset, so one metric has 100,000 points written the way every job
     * writes them, then reads that history down-sampled to 500 points.
     */
    private String metrics() throws Exception {
        long start = System.nanoTime();
        JsonNode job = awaitEnded(post(HISTORY_SPEC).path("id").asString());
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        String metrics = "/api/v1/jobs/" + job.path("id").asString() + "/metrics";
        int stored = 0;
        for (JsonNode metric : get(metrics)) {
            stored += metric.path("points").asInt();
        }
        String path = metrics + "/train_loss?maxPoints=500";
        for (int i = 0; i < 10; i++) {
            get(path);
        }
        List<Double> millis = new ArrayList<>();
        int returned = 0;
        for (int i = 0; i < 30; i++) {
            long sent = System.nanoTime();
            returned = get(path).path("points").size();
            millis.add((System.nanoTime() - sent) / 1e6);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "{\"phase\":\"metrics\",\"epochs\":%d,\"points_written\":%d,"
                + "\"job_s\":%.1f,\"returned_points\":%d,\"median_ms\":%.1f,\"p90_ms\":%.1f,\"max_ms\":%.1f}",
                job.path("progress").path("epoch").asInt(), stored, trainSeconds, returned, median(millis),
                percentile(sorted, 90), sorted[sorted.length - 1]);
    }

    /**
     * The plan of a spec on the engine alone, from reading the built-in CSV to the trained model, with the BLAS threads
     * a node gives each of its slots (one slot per core): {whole run, sum of epoch_seconds} in seconds.
     */
    private static double[] engineAlone(String spec, String dataset) throws Exception {
        EngineRuntime.limitThreads(1);
        JobPlan plan = JobSpecMapper.map(JSON.readValue(spec, JobSpec.class), JobLimits.UNBOUNDED).value();
        double[] epochs = {0};
        long start = System.nanoTime();
        LabeledData data = builtin(dataset);
        Trainer.train(plan.model(), plan.training(), Preparation.prepare(data, plan.split()),
                metrics -> epochs[0] += metrics.get("epoch_seconds"));
        return new double[] {(System.nanoTime() - start) / 1e9, epochs[0]};
    }

    /** A built-in dataset read the simple way: numeric features, the class label in the last column. */
    private static LabeledData builtin(String name) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                JobsBench.class.getResourceAsStream("/datasets/" + name + ".csv"), StandardCharsets.UTF_8))) {
            int width = in.readLine().split(",").length - 1;
            List<double[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isBlank(); line = in.readLine()) {
                String[] fields = line.split(",");
                rows.add(Arrays.stream(fields, 0, width).mapToDouble(Double::parseDouble).toArray());
                labels.add(fields[width]);
            }
            double[] features = new double[rows.size() * width];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(rows.get(r), 0, features, r * width, width);
            }
            return LabeledData.classification(features, width, labels);
        }
    }

    private JsonNode post(String spec) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode awaitEnded(String id) throws Exception {
        for (long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos(); System.nanoTime() < deadline; ) {
            JsonNode job = get("/api/v1/jobs/" + id);
            if ("finished".equals(job.path("phase").asString())) {
                if (!"succeeded".equals(job.path("status").asString())) {
                    throw new IllegalStateException("job " + id + " ended " + job);
                }
                return job;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("job " + id + " did not end in 10 minutes");
    }

    private static double seconds(JsonNode from, JsonNode to) {
        return Duration.between(Instant.parse(from.asString()), Instant.parse(to.asString())).toNanos() / 1e9;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}

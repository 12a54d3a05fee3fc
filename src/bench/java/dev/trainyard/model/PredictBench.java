package dev.trainyard.model;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.trainyard.engine.model.ModelDocument;
import dev.trainyard.engine.model.Predictor;
import dev.trainyard.engine.model.TrainedModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Predictions measured against a running node (see {@code src/bench/predict.sh}), for the digits model:
 * <ul>
 *   <li>{@code latency}: one-row JSON predictions from 8 concurrent clients on a warm node, p50 and p99, driven by
 *   {@code wrk} (8 connections on one thread of a C load generator, so the clients take little of the two cores the
 *   node runs on), and again from 8 threads of this JVM's HttpClient (clients that cost as much CPU as the node);</li>
 *   <li>{@code csv}: a 100,000-row CSV through the endpoint, rows per second, and the node's peak heap meanwhile;</li>
 *   <li>{@code batch}: the same rows on the engine's Predictor alone and on ONNX Runtime with the model exported by
 *   the node, in this JVM, interleaved rounds, rows per second.</li>
 * </ul>
 * Each phase prints one JSON line.
 */
public final class PredictBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)",
            Pattern.MULTILINE);

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PredictBench(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        PredictBench bench = new PredictBench(args[0], args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String job = bench.trainDigits();
        List<double[]> rows = bench.digitsRows();
        bench.latencyWrk(job, rows, 8);
        bench.latency(job, rows, 8, 2_000);
        Path csv = bench.csvOf(rows, 100_000);
        bench.csv(job, csv, rounds);
        bench.batch(job, rows, 100_000, rounds);
    }

    private String trainDigits() throws Exception {
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "bench-digits", "dataset": {"id": "builtin:digits"},
                         "model": {"layers": [{"type": "dense", "units": 64, "activation": "relu"}]},
                         "training": {"epochs": 30, "optimizer": {"type": "adam", "learningRate": 0.003}}}
                        """)));
        String id = JSON.readTree(submitted.body()).path("id").asString();
        for (;;) {
            JsonNode job = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + id)).GET())
                    .body());
            if (job.path("phase").asString().equals("finished")) {
                if (!job.path("status").asString().equals("succeeded")) {
                    throw new IllegalStateException("the digits job did not succeed: " + job);
                }
                return id;
            }
            Thread.sleep(200);
        }
    }

    private List<double[]> digitsRows() throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (var in = getClass().getResourceAsStream("/datasets/digits.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] cells = line.split(",");
                double[] row = new double[64];
                for (int i = 0; i < 64; i++) {
                    row[i] = Double.parseDouble(cells[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private void latency(String job, List<double[]> rows, int clients, int perClient) throws Exception {
        String url = base + "/api/v1/jobs/" + job + "/predictions";
        for (int warm = 0; warm < 500; warm++) {
            predictOne(url, rows.get(warm % rows.size()));
        }
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    long t0 = System.nanoTime();
                    predictOne(url, rows.get((client * perClient + i) % rows.size()));
                    nanos.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "{\"phase\": \"latency\", \"load\": \"jvm\", \"clients\": %d, \"requests\": %d, "
                + "\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, \"requests_per_s\": %.0f}%n", clients, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6,
                sorted.length / seconds);
    }

    /** wrk -c clients for 30 s after 10 s of warm-up, each request one of 100 digits rows in turn. */
    private void latencyWrk(String job, List<double[]> rows, int clients) throws Exception {
        StringBuilder script = new StringBuilder("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = "
                + "\"application/json\"\nwrk.headers[\"X-API-Key\"] = \"" + key + "\"\nbodies = {\n");
        for (int r = 0; r < 100; r++) {
            script.append("  '").append(instances(rows.get(r))).append("',\n");
        }
        script.append("}\ni = 0\nrequest = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, "
                + "bodies[i])\nend\n");
        Path lua = Files.createTempFile("predict-bench", ".lua");
        Files.writeString(lua, script);
        String url = base + "/api/v1/jobs/" + job + "/predictions";
        wrk(lua, url, clients, 10, false);
        String out = wrk(lua, url, clients, 30, true);
        Matcher requests = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (errors.find() || !requests.find()) {
            throw new IllegalStateException("wrk: " + out);
        }
        System.out.printf(Locale.ROOT, "{\"phase\": \"latency\", \"load\": \"wrk\", \"clients\": %d, \"seconds\": 30, "
                + "\"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"requests_per_s\": %.0f}%n", clients,
                percentile(out, "50%"), percentile(out, "90%"), percentile(out, "99%"), Double.parseDouble(requests.group(1)));
    }

    private static String wrk(Path lua, String url, int clients, int seconds, boolean latency) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + clients, "-d" + seconds + "s", "-s",
                lua.toString()));
        if (latency) {
            command.add("--latency");
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return out;
    }

    /** A percentile line of wrk's latency distribution ("99%   12.34ms"), in milliseconds. */
    private static double percentile(String out, String which) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(which) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + which + " in wrk's output: " + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1e3;
            case "s" -> value * 1e3;
            default -> value;
        };
    }

    private static String instances(double[] row) {
        StringBuilder body = new StringBuilder("{\"instances\": [[");
        for (int i = 0; i < row.length; i++) {
            body.append(i == 0 ? "" : ",").append((int) row[i]);
        }
        return body.append("]]}").toString();
    }

    private void predictOne(String url, double[] row) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(instances(row))));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(answer.body());
        }
    }

    private Path csvOf(List<double[]> rows, int count) throws Exception {
        Path csv = Files.createTempFile("predict-bench", ".csv");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            text.append(i == 0 ? "" : ",").append("px_").append(i / 8).append('_').append(i % 8);
        }
        text.append('\n');
        for (int r = 0; r < count; r++) {
            double[] row = rows.get(r % rows.size());
            for (int i = 0; i < row.length; i++) {
                text.append(i == 0 ? "" : ",").append((int) row[i]);
            }
            text.append('\n');
        }
        Files.writeString(csv, text);
        return csv;
    }

    private void csv(String job, Path csv, int rounds) throws Exception {
        double[] rates = new double[rounds];
        long baseline = heap();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    peak.accumulateAndGet(heap(), Math::max);
                    Thread.sleep(20);
                } catch (Exception stop) {
                    return;
                }
            }
        });
        sampler.start();
        long bytes = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + job
                    + "/predictions")).header("X-API-Key", key).header("Content-Type", "text/csv")
                    .header("Accept", "text/csv").timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofByteArray());
            rates[round] = 100_000 / ((System.nanoTime() - t0) / 1e9);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(new String(answer.body(), StandardCharsets.UTF_8));
            }
            bytes = answer.body().length;
        }
        sampling.set(false);
        sampler.join();
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "{\"phase\": \"csv\", \"rows\": 100000, \"csv_bytes\": %d, \"answer_bytes\": %d, "
                + "\"rows_per_s_median\": %.0f, \"rounds\": %d, \"heap_before_mb\": %.1f, \"heap_peak_mb\": %.1f}%n",
                Files.size(csv), bytes, rates[rounds / 2], rounds, baseline / 1e6, peak.get() / 1e6);
    }

    private long heap() throws Exception {
        String prometheus = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(prometheus);
        double used = 0;
        while (m.find()) {
            used += Double.parseDouble(m.group(1));
        }
        return (long) used;
    }

    private void batch(String job, List<double[]> rows, int count, int rounds) throws Exception {
        JsonNode card = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + job + "/model"))
                .GET()).body());
        TrainedModel model = ModelDocument.read(card.path("document").toString());
        Predictor predictor = Predictor.load(model);
        byte[] onnx = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + job + "/model?format=onnx"))
                .header("X-API-Key", key).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        double[][] input = new double[count][];
        float[] flat = new float[count * 64];
        for (int r = 0; r < count; r++) {
            input[r] = rows.get(r % rows.size());
            for (int i = 0; i < 64; i++) {
                flat[r * 64 + i] = (float) input[r][i];
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        try (OrtSession session = env.createSession(onnx, options)) {
            String name = session.getInputNames().iterator().next();
            double[] engine = new double[rounds];
            double[] ort = new double[rounds];
            double maxDifference = 0;
            for (int round = -1; round < rounds; round++) { // round -1 warms both up
                long t0 = System.nanoTime();
                double[][] ours = predictor.predict(input).outputs();
                double engineSeconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                float[][] theirs;
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {count, 64});
                        OrtSession.Result result = session.run(Map.of(name, tensor))) {
                    theirs = (float[][]) result.get(0).getValue();
                }
                double ortSeconds = (System.nanoTime() - t1) / 1e9;
                if (round >= 0) {
                    engine[round] = count / engineSeconds;
                    ort[round] = count / ortSeconds;
                }
                for (int r = 0; r < count; r += 997) {
                    for (int c = 0; c < ours[r].length; c++) {
                        maxDifference = Math.max(maxDifference, Math.abs(ours[r][c] - theirs[r][c]));
                    }
                }
            }
            Arrays.sort(engine);
            Arrays.sort(ort);
            System.out.printf(Locale.ROOT, "{\"phase\": \"batch\", \"rows\": %d, \"rounds\": %d, \"engine_rows_per_s\": "
                    + "%.0f, \"onnxruntime_rows_per_s\": %.0f, \"engine_vs_onnxruntime\": %.2f, \"onnxruntime_threads\": 1,"
                    + " \"max_abs_difference\": %.2e}%n", count, rounds, engine[rounds / 2], ort[rounds / 2],
                    engine[rounds / 2] / ort[rounds / 2], maxDifference);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("X-API-Key", key).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.trainyard.job;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event streams beside clients that never read, against a running node (see {@code src/bench/events.sh}). JDK only,
 * so it runs as a single source file: {@code java EventsBench.java <base-url> <admin-key> <node-pid> <slow-clients> <settle-seconds>}.
 * <ol>
 *   <li>{@code baseline}: another owner's finished job, its whole stream read with nothing else open;</li>
 *   <li>{@code beside_flood}: the same while a job writes thousands of epochs a second (the database is busier);</li>
 *   <li>{@code beside_slow}: the same after {@code slow-clients} raw sockets (4 KB receive buffer) opened the stream
 *   of that job and never read a byte, {@code settle-seconds} later;</li>
 *   <li>{@code shutdown}: SIGTERM to the node with those sockets and one reading stream open: how long the process
 *   takes to exit and when the reading client sees its stream end.</li>
 * </ol>
 * Prints one JSON line.
 */
public final class EventsBench {

    static final String LONG_SPEC = """
            {"name": "bench-events-long", "dataset": {"generate": {"kind": "xor", "samples": 20, "seed": 5}},
             "model": {"layers": [{"type": "dense", "units": 2, "activation": "tanh"}]},
             "training": {"epochs": 100000, "batch": {"mode": "full"}}}
            """;
    static final String TINY_SPEC = """
            {"name": "bench-events-tiny", "dataset": {"id": "builtin:iris"},
             "model": {"layers": [{"type": "dense", "units": 8}]}, "training": {"epochs": 5}}
            """;
    private static final Duration PATIENCE = Duration.ofSeconds(400);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    private EventsBench(String base) {
        this.base = URI.create(base);
    }

    public static void main(String[] args) throws Exception {
        EventsBench bench = new EventsBench(args[0]);
        String slow = bench.key(args[1], "bench-slow-" + UUID.randomUUID().toString().substring(0, 6));
        String normal = bench.key(args[1], "bench-normal-" + UUID.randomUUID().toString().substring(0, 6));
        double baseline = bench.wholeStream(normal, bench.finishedTinyJob(normal));

        String flood = bench.submit(slow, LONG_SPEC);
        bench.awaitEpoch(slow, flood, 200);
        double besideFlood = bench.wholeStream(normal, bench.finishedTinyJob(normal));
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            stalled.add(bench.neverRead(slow, flood));
        }
        Thread.sleep(Duration.ofSeconds(Long.parseLong(args[4])).toMillis());
        double besideSlow = bench.wholeStream(normal, bench.finishedTinyJob(normal));

        double[] shutdown = bench.terminate(Long.parseLong(args[2]), normal);
        for (Socket socket : stalled) {
            socket.close();
        }
        System.out.printf(Locale.ROOT, "{\"slow_clients\":%d,\"baseline_stream_s\":%.3f,\"beside_flood_stream_s\":%.3f,"
                + "\"beside_slow_stream_s\":%s,\"shutdown_exit_s\":%.2f,\"reading_stream_ended_after_term_s\":%s}%n",
                stalled.size(), baseline, besideFlood, besideSlow < 0 ? "\"over " + PATIENCE.toSeconds() + " s\""
                        : String.format(Locale.ROOT, "%.3f", besideSlow), shutdown[0],
                shutdown[1] < 0 ? "null" : String.format(Locale.ROOT, "%.2f", shutdown[1]));
        System.exit(0);
    }

    /**
     * SIGTERM to the node while {@code owner} reads the stream of a running job: {seconds to the process's exit,
     * seconds to the end of that stream or -1 if it broke instead}.
     */
    private double[] terminate(long pid, String owner) throws Exception {
        String followed = submit(owner, LONG_SPEC);
        awaitEpoch(owner, followed, 10);
        CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> readToEnd(owner, followed));
        Thread.sleep(1000);
        long term = System.nanoTime();
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow();
        node.destroy();
        node.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        double exit = (System.nanoTime() - term) / 1e9;
        long ended = reading.get(10, TimeUnit.SECONDS);
        return new double[] {exit, ended < 0 ? -1 : (ended - term) / 1e9};
    }

    private String key(String admin, String owner) throws Exception {
        String body = send(admin, HttpRequest.newBuilder(base.resolve("/api/v1/keys"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"owner\": \"" + owner + "\"}")), 201);
        return field(body, "secret");
    }

    private String submit(String key, String spec) throws Exception {
        return field(send(key, HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec)), 202), "id");
    }

    private String finishedTinyJob(String key) throws Exception {
        String id = submit(key, TINY_SPEC);
        while (!send(key, HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + id)), 200)
                .contains("\"phase\":\"finished\"")) {
            Thread.sleep(100);
        }
        return id;
    }

    private void awaitEpoch(String key, String id, int epoch) throws Exception {
        Pattern done = Pattern.compile("\"progress\":\\{\"epoch\":(\\d+)");
        while (true) {
            Matcher progress = done.matcher(send(key, HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + id)), 200));
            if (progress.find() && Integer.parseInt(progress.group(1)) >= epoch) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Seconds from the request to the end of a finished job's stream; -1 past {@link #PATIENCE}. */
    private double wholeStream(String key, String id) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> readToEnd(key, id));
        try {
            ended.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1e9;
        } catch (java.util.concurrent.TimeoutException stalled) {
            return -1;
        }
    }

    /** Reads a stream to its end; when it ended ({@link System#nanoTime()}), or -1 if the connection broke first. */
    private long readToEnd(String key, String id) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(base.resolve(events(id)))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return System.nanoTime();
        } catch (Exception broken) {
            return -1;
        }
    }

    /** A client that asks for the stream and never reads: its receive window closes once 4 KB arrived. */
    private Socket neverRead(String key, String id) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.getOutputStream().write(("GET " + events(id) + " HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\nAuthorization: Bearer " + key + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    private static String events(String id) {
        return "/api/v1/jobs/" + id + "/events";
    }

    private String send(String key, HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.group(1);
    }
}

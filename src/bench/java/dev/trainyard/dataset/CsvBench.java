package dev.trainyard.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The cost of hostile CSV against ordinary CSV, checked the way an upload is (read, profile, SHA-256):
 * <ol>
 *   <li>one unquoted field of 200k, 400k and 800k quote characters, with the default limits and with
 *       {@code max-field-chars} raised above the field, so the parser itself has to walk it (medians of three);</li>
 *   <li>nanoseconds per byte of files of the same size: ordinary numeric rows against the shapes that do the most
 *       work per byte and still pass every limit (quote runs, doubled quotes, empty and one-digit fields, blank
 *       lines, tiny rows, padding); medians of interleaved rounds, and each shape's ratio to ordinary;</li>
 *   <li>two gzip bombs of 190 and 250 KB: zeros (one endless field) and endless short rows.</li>
 * </ol>
 * Run by {@code src/bench/csv.sh}; prints one JSON line per figure.
 */
public final class CsvBench {

    private static final int MB = 1 << 20;
    /** Below trainyard.datasets.max-rows, so that files of tiny rows pass too. */
    private static final long MAX_ROWS = 1_990_000;

    private CsvBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path dir = Files.createTempDirectory("trainyard-csv-bench");
        try {
            quoteScaling(dir);
            perByte(dir, rounds, megabytes * (long) MB);
            bombs(dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** Medians of three rounds, after a warm-up on a small field, so that the JIT has compiled the reader. */
    private static void quoteScaling(Path dir) throws Exception {
        run(quotes(dir, 10_000), limits(20_000), Set.of());
        int[] sizes = {200_000, 400_000, 800_000};
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int quotes : sizes) {
                Path file = quotes(dir, quotes);
                results.computeIfAbsent(quotes + "/default", key -> new ArrayList<>()).add(run(file, limits(1024), Set.of()));
                results.computeIfAbsent(quotes + "/raised", key -> new ArrayList<>())
                        .add(run(file, limits(quotes + 2), Set.of()));
            }
        }
        results.forEach((key, runs) -> {
            String[] parts = key.split("/");
            int quotes = Integer.parseInt(parts[0]);
            Result median = runs.stream().sorted(Comparator.comparingDouble(Result::seconds)).toList().get(1);
            report("quotes", Map.of("quote_chars", quotes, "limits", parts[1].equals("default") ? "default"
                    : "max-field-chars=" + (quotes + 2)), median);
        });
    }

    private static Path quotes(Path dir, int quotes) throws IOException {
        return write(dir.resolve("quotes-" + quotes), out -> {
            out.write(ascii("a,b\nx"));
            out.write(ascii("\"".repeat(quotes)));
            out.write(ascii(",0\n"));
        });
    }

    /** One input of the per-byte comparison: its file and the categorical columns that make it valid. */
    private record Input(String name, Path file, Set<String> categorical) {
    }

    private static void perByte(Path dir, int rounds, long size) throws Exception {
        List<Input> inputs = List.of(
                new Input("ordinary", rows(dir, "ordinary", size, ordinaryHeader(), CsvBench::ordinaryRow), Set.of()),
                new Input("unquoted-quote-runs", rows(dir, "unquoted", size, "q,label\n",
                        (random, i) -> "x" + "\"".repeat(1000) + (i % 2 == 0 ? ",a\n" : ",b\n")), Set.of("q")),
                new Input("doubled-quotes", rows(dir, "doubled", size, "q,label\n",
                        (random, i) -> "\"" + "\"\"".repeat(500) + "\"" + (i % 2 == 0 ? ",a\n" : ",b\n")), Set.of("q")),
                new Input("empty-fields", rows(dir, "empty", size, wideHeader(),
                        (random, i) -> ",".repeat(1999) + (i % 2 == 0 ? "a\n" : "b\n")), Set.of()),
                new Input("one-digit-fields", rows(dir, "digits", size, wideHeader(),
                        (random, i) -> (i % 10 + ",").repeat(1999) + (i % 2 == 0 ? "a\n" : "b\n")), Set.of()),
                new Input("blank-lines", blankLines(dir, size), Set.of()),
                new Input("tiny-rows", rows(dir, "tiny", size, "x,label\n",
                        (random, i) -> (i % 10) + (i % 2 == 0 ? ",a\n" : ",b\n")), Set.of()),
                new Input("padded", rows(dir, "padded", size, "x,label\n",
                        (random, i) -> "      " + (i % 10) + "      ,      " + (i % 2 == 0 ? "a" : "b") + "      \n"),
                        Set.of()));
        DatasetLimits limits = limits(1024);
        for (Input input : inputs) {
            run(input.file(), limits, input.categorical());
        }
        Map<String, List<Double>> nanosPerByte = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Input input : inputs) {
                Result result = run(input.file(), limits, input.categorical());
                if (!result.verdict().equals("accepted")) {
                    throw new IllegalStateException(input.name() + " was refused: " + result.verdict());
                }
                nanosPerByte.computeIfAbsent(input.name(), name -> new ArrayList<>())
                        .add(result.seconds() * 1e9 / Files.size(input.file()));
            }
        }
        double ordinary = median(nanosPerByte.get("ordinary"));
        for (Input input : inputs) {
            List<Double> runs = nanosPerByte.get(input.name());
            System.out.println(String.format(Locale.ROOT, "{\"figure\":\"per_byte\",\"input\":\"%s\",\"mb\":%.1f,"
                    + "\"median_ns_per_byte\":%.2f,\"ratio_to_ordinary\":%.2f,\"runs_ns_per_byte\":%s}", input.name(),
                    Files.size(input.file()) / (double) MB, median(runs), median(runs) / ordinary, format(runs)));
        }
    }

    private static void bombs(Path dir) throws Exception {
        byte[] zeros = new byte[MB];
        Path zeroBomb = write(dir.resolve("zeros.csv.gz"), out -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
                gzip.write(ascii("a,b\n"));
                for (int i = 0; i < 190; i++) {
                    gzip.write(zeros);
                }
            }
        });
        byte[] rows = ascii("0,0\n".repeat(MB / 4));
        Path rowBomb = write(dir.resolve("rows.csv.gz"), out -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
                gzip.write(ascii("a,b\n"));
                for (int i = 0; i < 256; i++) {
                    gzip.write(rows);
                }
            }
        });
        DatasetLimits limits = limits(1024);
        report("gzip_bomb", Map.of("input", "190 MB of zero bytes", "gzip_kb", Files.size(zeroBomb) / 1024),
                run(zeroBomb, limits, Set.of()));
        report("gzip_bomb", Map.of("input", "256 MB of rows 0,0", "gzip_kb", Files.size(rowBomb) / 1024),
                run(rowBomb, limits, Set.of()));
    }

    /** The upload defaults of DatasetLimits, but for the field length. */
    private static DatasetLimits limits(int maxFieldChars) {
        return new DatasetLimits(209_715_200, 2_000_000, 2000, 10, maxFieldChars, 1000, 20_000, 2, Duration.ofSeconds(5));
    }

    private record Result(double seconds, String verdict, double peakHeapMb) {
    }

    private static Result run(Path file, DatasetLimits limits, Set<String> categorical) throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        String verdict = "accepted";
        try (InputStream in = Files.newInputStream(file)) {
            DatasetProfiler profiler = new DatasetProfiler(null, null, categorical, limits);
            CsvReader.read(in, limits, profiler, MessageDigest.getInstance("SHA-256"));
            profiler.schema();
        } catch (DatasetException refused) {
            verdict = refused.kind().status().value() + " " + shorten(refused.getMessage());
        } catch (OutOfMemoryError out) {
            verdict = "OutOfMemoryError";
        }
        return new Result((System.nanoTime() - start) / 1e9, verdict, peakHeap() / (double) MB);
    }

    private static void report(String figure, Map<String, Object> what, Result result) {
        StringBuilder line = new StringBuilder("{\"figure\":\"").append(figure).append('"');
        new TreeMap<>(what).forEach((key, value) -> line.append(",\"").append(key).append("\":")
                .append(value instanceof String ? "\"" + value + "\"" : value));
        System.out.println(line.append(String.format(Locale.ROOT, ",\"seconds\":%.4f,\"peak_heap_mb\":%.1f,"
                + "\"verdict\":\"%s\"}", result.seconds(), result.peakHeapMb(), result.verdict().replace("\"", "'"))));
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private interface Row {
        String next(SplittableRandom random, long index);
    }

    private static Path write(Path file, Content content) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            content.write(out);
        }
        return file;
    }

    private static Path rows(Path dir, String name, long size, String header, Row row) throws IOException {
        return write(dir.resolve(name + ".csv"), out -> {
            SplittableRandom random = new SplittableRandom(1);
            long written = header.length();
            out.write(ascii(header));
            for (long i = 0; written < size && i < MAX_ROWS; i++) {
                byte[] line = ascii(row.next(random, i));
                out.write(line);
                written += line.length;
            }
        });
    }

    private static Path blankLines(Path dir, long size) throws IOException {
        return write(dir.resolve("blank.csv"), out -> {
            out.write(ascii("x,label\n"));
            for (int i = 0; i < 10; i++) {
                out.write(ascii(i + (i % 2 == 0 ? ",a\n" : ",b\n")));
            }
            byte[] newlines = ascii("\n".repeat(MB));
            for (long written = 0; written < size; written += newlines.length) {
                out.write(newlines);
            }
        });
    }

    private static String ordinaryHeader() {
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < 20; c++) {
            header.append('f').append(c).append(',');
        }
        return header.append("label\n").toString();
    }

    private static String ordinaryRow(SplittableRandom random, long index) {
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < 20; c++) {
            row.append(String.format(Locale.ROOT, "%.5f", random.nextGaussian())).append(',');
        }
        return row.append("class_").append(random.nextInt(5)).append('\n').toString();
    }

    private static String wideHeader() {
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < 1999; c++) {
            header.append('c').append(c).append(',');
        }
        return header.append("label\n").toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }

    private static String shorten(String message) {
        return message.length() > 90 ? message.substring(0, 90) + "..." : message;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}

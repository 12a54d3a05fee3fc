package dev.trainyard.dataset;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Upload parsing throughput and memory: writes a CSV of the given size (20 numeric columns and a
 * label), then checks and profiles it the way an upload is, and prints MB/s and the peak heap.
 * Run it with a small -Xmx to show the memory stays bounded: {@code src/bench/upload.sh}.
 */
public final class UploadBench {

    private UploadBench() {
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 50;
        Path file = Files.createTempFile("trainyard-upload-bench", ".csv");
        try {
            write(file, megabytes * 1024 * 1024);
            long bytes = Files.size(file);
            for (int run = 0; run < 3; run++) {
                resetPeaks();
                long start = System.nanoTime();
                DatasetLimits limits = new DatasetLimits(1L << 31, 100_000_000, 2000, 10, 1024, 1000, 20_000, 2,
                        Duration.ofSeconds(5));
                DatasetProfiler profiler = new DatasetProfiler(null, null, limits);
                try (InputStream in = Files.newInputStream(file)) {
                    CsvReader.read(in, limits, profiler, MessageDigest.getInstance("SHA-256"));
                }
                DatasetSchema schema = profiler.schema();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.println(String.format(Locale.ROOT,
                        "{\"file_mb\":%.1f,\"rows\":%d,\"seconds\":%.2f,\"mb_per_s\":%.1f,\"peak_heap_mb\":%.1f,\"max_heap_mb\":%.0f}",
                        bytes / 1048576.0, schema.rows(), seconds, bytes / 1048576.0 / seconds, peakHeap() / 1048576.0,
                        Runtime.getRuntime().maxMemory() / 1048576.0));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file, long size) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int c = 0; c < 20; c++) {
                header.append("f").append(c).append(',');
            }
            out.write(header.append("label\n").toString());
            long written = header.length();
            StringBuilder row = new StringBuilder();
            while (written < size) {
                row.setLength(0);
                for (int c = 0; c < 20; c++) {
                    row.append(String.format(Locale.ROOT, "%.5f", random.nextGaussian())).append(',');
                }
                row.append("class_").append(random.nextInt(5)).append('\n');
                out.write(row.toString());
                written += row.length();
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
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

package dev.trainyard.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import org.springframework.stereotype.Component;

/**
 * The part of storing a dataset that needs no database: reading the spooled file through every check while
 * profiling and checksumming it, and compressing it for storage. {@link DatasetService} does this before it takes
 * a connection, so a slow or hostile file costs this node CPU (bounded by {@link DatasetLimits}), never one of
 * the pool's connections that every other request and the workers' leases need.
 */
@Component
class DatasetFiles {

    private final DatasetLimits limits;

    DatasetFiles(DatasetLimits limits) {
        this.limits = limits;
    }

    /** A file that passed every check: its schema and the SHA-256 of its (decompressed) text. */
    record Checked(DatasetSchema schema, String checksum) {
    }

    /** The file as it is stored, gzip-compressed; a compressed copy is deleted on close, the original never. */
    record Compressed(Path path, boolean copy) implements Closeable {

        @Override
        public void close() throws IOException {
            if (copy) {
                Files.deleteIfExists(path);
            }
        }
    }

    Checked check(DatasetService.Upload upload, Path file) throws IOException {
        MessageDigest digest = sha256();
        DatasetProfiler profiler = new DatasetProfiler(upload.target(), upload.task(), upload.categorical(), limits);
        try (InputStream in = Files.newInputStream(file)) {
            CsvReader.read(in, limits, profiler, digest);
        }
        DatasetSchema schema = profiler.schema();
        checkImage(upload.image(), schema);
        return new Checked(schema, HexFormat.of().formatHex(digest.digest()));
    }

    /** The file itself when it already is gzip (it was just read through gunzip), else a compressed copy. */
    Compressed compressed(Path file) throws IOException {
        if (isGzip(file)) {
            return new Compressed(file, false);
        }
        Path compressed = Files.createTempFile("trainyard-dataset", ".csv.gz");
        try (InputStream in = Files.newInputStream(file);
                GZIPOutputStream gzip = new GZIPOutputStream(Files.newOutputStream(compressed), 1 << 16)) {
            in.transferTo(gzip);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(compressed);
            throw e;
        }
        return new Compressed(compressed, true);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static void checkImage(int[] image, DatasetSchema schema) {
        long pixels = image == null ? 0 : (long) image[0] * image[1] * image[2];
        if (image != null && pixels != schema.columns() - 1) {
            throw new DatasetException("An image of " + image[0] + "x" + image[1] + "x" + image[2] + " needs "
                    + pixels + " feature columns; the file has " + (schema.columns() - 1) + ".");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package dev.trainyard.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import dev.trainyard.system.ProblemType;

/** The reader's bounds: linear work, bounded fields and rows, gzip faults and bombs. */
class CsvReaderTest {

    /** What the reader may take from its input ahead of what it has parsed: its two 64 KiB buffers. */
    private static final long READ_AHEAD = 128 << 10;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aFieldLongerThanTheLimitIsRefusedNamingItsLineAndColumn() {
        DatasetLimits limits = TestLimits.with("max-field-chars", "10");
        assertThatThrownBy(() -> read("a,b\n1,2\n3,12345678901\n", limits))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.INVALID_DATASET))
                .hasMessageContaining("The value of column 2 ('b') on line 3 is longer than 10 characters")
                .hasMessageContaining("trainyard.datasets.max-field-chars");
        assertThatThrownBy(() -> read("a,bbbbbbbbbbbbbbb\n1,2\n", limits))
                .hasMessageContaining("The name of column 2 in the header is longer than 10 characters");
        assertThatThrownBy(() -> read("a,b\n1,2\n3,\"4\n5,6\n7,8\n9,10\n", limits))
                .hasMessageContaining("column 2 ('b') on line 3").hasMessageContaining("is its closing quote missing?");
        assertThat(read("a,b\n1,1234567890\n\"1234567890\",2\n", limits))
                .containsExactly(List.of("a", "b"), List.of("1", "1234567890"), List.of("1234567890", "2"));
    }

    @Test
    void quoteRunsAreReadWithWorkProportionalToTheirLength() {
        int quotes = 200_000;
        DatasetLimits limits = TestLimits.with("max-field-chars", String.valueOf(quotes + 1));
        String unquoted = "a,b\nx" + "\"".repeat(quotes) + ",0\n";
        String doubled = "a,b\n\"" + "\"\"".repeat(quotes / 2) + "\",0\n";

        long before = THREADS.getCurrentThreadAllocatedBytes();
        List<List<String>> rows = read(unquoted, limits);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(rows.get(1).get(0)).hasSize(quotes + 1).startsWith("x\"\"").endsWith("\"\"");
        assertThat(read(doubled, limits).get(1).get(0)).isEqualTo("\"".repeat(quotes / 2));
        // Copying the field on every quote (the old reader) allocates about quotes^2 / 2 = 20 GB here; reading it
        // once allocates a few times its size plus the buffers.
        assertThat(allocated).as("bytes allocated reading %d quote characters", quotes).isLessThan(16L << 20);
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderStopsAtTheFirstExtraField() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,4" + ",".repeat(1_000_000) + "\n", TestLimits.with()))
                .hasMessageContaining("Line 3 has more fields than the header's 2");
        assertThatThrownBy(() -> read(",".repeat(1_000_000) + "\n1,2\n", TestLimits.with()))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("The header has more than 2000 columns");
    }

    @Test
    void aGzipBombStopsAtMaxBytesHavingInflatedLittle() throws IOException {
        byte[] bomb = gzip("a,b\n", "0,0\n", 512);
        assertThat(bomb.length).as("compressed size").isLessThan(600 << 10);
        Counting raw = new Counting(bomb);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> CsvReader.read(raw, TestLimits.with("max-bytes", "1000000"), ignore()))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("more than 1000000 bytes of text, the limit (trainyard.datasets.max-bytes)");

        assertThat(raw.count).as("compressed bytes consumed of %d", bomb.length).isLessThanOrEqualTo(READ_AHEAD);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(64L << 20);
    }

    @Test
    void bombsOfZerosOrCommasAreRefusedAtTheirFirstRow() throws IOException {
        byte[] zeros = gzip("a,b\n", "\0\0\0\0", 256);
        Counting raw = new Counting(zeros);
        assertThatThrownBy(() -> CsvReader.read(raw, TestLimits.with(), ignore()))
                .hasMessageContaining("The value of column 1 ('a') on line 2 is longer than 1024 characters");
        assertThat(raw.count).isLessThanOrEqualTo(READ_AHEAD);

        byte[] commas = gzip("", ",,,,", 256);
        assertThatThrownBy(() -> CsvReader.read(new ByteArrayInputStream(commas), TestLimits.with(), ignore()))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("The header has more than 2000 columns");
    }

    @Test
    void truncatedOrCorruptGzipIsAnInvalidDataset() throws IOException {
        byte[] whole = gzip("a,b\n", "1,2\n", 1);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> CsvReader.read(new ByteArrayInputStream(truncated), TestLimits.with(), ignore()))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.INVALID_DATASET))
                .hasMessageContaining("gzip-compressed but ends before the end of its compressed data");
        byte[] headerOnly = Arrays.copyOf(whole, 5);
        assertThatThrownBy(() -> CsvReader.read(new ByteArrayInputStream(headerOnly), TestLimits.with(), ignore()))
                .hasMessageContaining("gzip-compressed but ends before");
        byte[] corrupt = whole.clone();
        corrupt[whole.length - 6] ^= 0x55;
        assertThatThrownBy(() -> CsvReader.read(new ByteArrayInputStream(corrupt), TestLimits.with(), ignore()))
                .hasMessageContaining("gzip-compressed but is corrupt");
    }

    /** A gzip of {@code header}, then {@code unit} repeated to {@code megabytes} MiB. */
    private static byte[] gzip(String header, String unit, int megabytes) throws IOException {
        byte[] block = unit.repeat((1 << 20) / unit.length()).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16)) {
            gzip.write(header.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < megabytes; i++) {
                gzip.write(block);
            }
        }
        return bytes.toByteArray();
    }

    private static List<List<String>> read(String csv, DatasetLimits limits) {
        List<List<String>> rows = new ArrayList<>();
        try {
            CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), limits, new CsvReader.Rows() {
                @Override
                public void header(List<String> names) {
                    rows.add(names);
                }

                @Override
                public void row(long line, List<String> fields) {
                    rows.add(List.copyOf(fields));
                }
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private static CsvReader.Rows ignore() {
        return new CsvReader.Rows() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void row(long line, List<String> fields) {
            }
        };
    }

    /** Counts the bytes the reader takes from the upload. */
    private static final class Counting extends FilterInputStream {

        long count;

        Counting(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}

package dev.trainyard.dataset;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import dev.trainyard.system.ProblemType;

/**
 * The bytes a {@link CsvReader} decodes: gunzipped when the file starts with gzip's magic bytes, and never more
 * than {@code trainyard.datasets.max-bytes} of them, counted after decompression so that a small gzip bomb stops
 * at the limit instead of expanding into the heap or the CPU. A truncated or corrupt gzip stream is the sender's
 * fault, so it is a 400 problem, not an {@link IOException} (which would be a 500).
 */
final class CsvInput {

    private CsvInput() {
    }

    static InputStream open(InputStream raw, long maxBytes) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(raw, 1 << 16), 2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (second >= 0) {
            in.unread(second);
        }
        if (first >= 0) {
            in.unread(first);
        }
        return new Limited(first == 0x1f && second == 0x8b ? Gunzipped.of(in) : in, maxBytes);
    }

    /** GZIPInputStream whose faults in the compressed data are explained as invalid datasets. */
    private static final class Gunzipped extends FilterInputStream {

        private Gunzipped(InputStream in) {
            super(in);
        }

        static Gunzipped of(InputStream in) throws IOException {
            try {
                return new Gunzipped(new GZIPInputStream(in, 1 << 16));
            } catch (EOFException | ZipException broken) {
                throw explained(broken);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EOFException | ZipException broken) {
                throw explained(broken);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (EOFException | ZipException broken) {
                throw explained(broken);
            }
        }

        /** EOFException: the stream stops before gzip's end; ZipException: bad deflate data, header or checksum. */
        private static DatasetException explained(IOException broken) {
            String what = broken instanceof EOFException
                    ? "ends before the end of its compressed data: the file was cut short, in the copy or the upload"
                    : "is corrupt (" + broken.getMessage() + ")";
            return new DatasetException("The file is gzip-compressed but " + what + ". Check it with 'gzip -t', "
                    + "compress the CSV again and upload the whole file.");
        }
    }

    /** Fails once more than the limit has been read. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw new DatasetException(ProblemType.PAYLOAD_TOO_LARGE, "The CSV holds more than " + limit
                        + " bytes of text, the limit (trainyard.datasets.max-bytes). Upload a smaller file.");
            }
        }
    }
}

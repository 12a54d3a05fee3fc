package dev.trainyard.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import dev.trainyard.system.ProblemType;

/**
 * Streams a CSV file row by row, holding one row at a time: UTF-8 (a byte-order mark is skipped;
 * other encodings are refused), gzip recognised by its magic bytes, RFC 4180 quoting (quoted
 * fields may hold commas, quotes doubled, line breaks), LF or CRLF line ends, blank lines and
 * surrounding whitespace ignored. Every fault is a {@link DatasetException} naming the line.
 */
final class CsvReader {

    /** Receives the header, then each row; fields are the raw strings. */
    interface Rows {
        void header(List<String> names);

        void row(long line, List<String> fields);
    }

    private final Reader reader;
    private long line = 1;
    private int pending = -2;

    private CsvReader(Reader reader) {
        this.reader = reader;
    }

    /**
     * Reads the whole stream into {@code rows}; the stream is closed by the caller. At most
     * {@code maxBytes} of CSV text are read (after decompression, so a small gzip cannot expand
     * without bound).
     */
    static void read(InputStream raw, long maxBytes, Rows rows) throws IOException {
        read(raw, maxBytes, rows, null);
    }

    /** As {@link #read(InputStream, long, Rows)}, also feeding the decompressed bytes to a digest. */
    static void read(InputStream raw, long maxBytes, Rows rows, MessageDigest digest) throws IOException {
        InputStream text = new Limited(maybeGunzip(raw), maxBytes);
        CsvReader csv = new CsvReader(decoder(digest == null ? text : new DigestInputStream(text, digest)));
        List<String> header = csv.next();
        if (header == null) {
            throw new DatasetException("The file is empty. Upload a CSV with a header row and at least one data row.");
        }
        rows.header(header);
        long headerLine = csv.line;
        List<String> fields;
        long start = csv.line;
        while ((fields = csv.next()) != null) {
            if (fields.size() != header.size()) {
                throw new DatasetException("Line " + start + " has " + fields.size() + " fields but the header has "
                        + header.size() + ". Make every row have one value per column.");
            }
            rows.row(start, fields);
            start = csv.line;
        }
        if (start == headerLine) {
            throw new DatasetException("The file has a header but no data rows.");
        }
    }

    static InputStream maybeGunzip(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(raw, 1 << 16), 2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (second >= 0) {
            in.unread(second);
        }
        if (first >= 0) {
            in.unread(first);
        }
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static Reader decoder(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
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

    /** The next non-blank record, or null at the end. */
    private List<String> next() throws IOException {
        while (true) {
            List<String> fields = record();
            if (fields == null) {
                return null;
            }
            if (!(fields.size() == 1 && fields.get(0).isBlank())) {
                return fields;
            }
        }
    }

    private List<String> record() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        if (c == '\uFEFF' && line == 1) {
            c = read();
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new DatasetException("A quoted field that starts before line " + line + " is never closed. "
                            + "Close it with a double quote.");
                }
                fields.add(finish(field, wasQuoted));
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(finish(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        unread(after);
                    }
                }
                line++;
                fields.add(finish(field, wasQuoted));
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private static String finish(StringBuilder field, boolean quoted) {
        return quoted ? field.toString() : field.toString().strip();
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        try {
            return reader.read();
        } catch (CharacterCodingException notUtf8) {
            throw new DatasetException("The file is not valid UTF-8 text (found while reading near line " + line
                    + "). Save it as UTF-8 and upload it again.");
        }
    }

    private void unread(int c) {
        pending = c;
    }
}

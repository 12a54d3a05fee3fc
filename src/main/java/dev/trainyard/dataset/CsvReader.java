package dev.trainyard.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import dev.trainyard.system.ProblemType;

/**
 * Streams a CSV file row by row, holding one row at a time: UTF-8 (a byte-order mark is skipped;
 * other encodings are refused), gzip recognised by its magic bytes, RFC 4180 quoting (quoted
 * fields may hold commas, quotes doubled, line breaks), LF or CRLF line ends, blank lines and
 * surrounding whitespace ignored. Every fault is a {@link DatasetException} naming the line.
 * <p>
 * Each character is read once and copied twice (into its field, then into the field's string), so reading is
 * linear in the input whatever it holds; a field longer than {@code max-field-chars} and a row with more fields
 * than the header (or a header with more than {@code max-columns}) stop the read, so one row never holds more than
 * max-columns x max-field-chars. Longer than most classes: the record state machine reads best in one place.
 */
final class CsvReader {

    /** Receives the header, then each row; fields are the raw strings. */
    interface Rows {
        void header(List<String> names);

        /** {@code fields} is only valid during the call: the reader reuses the list for the next row. */
        void row(long line, List<String> fields);
    }

    private final Reader reader;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int end;
    private final int maxFieldChars;
    private final int maxColumns;
    private List<String> header;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    /** Whether the unquoted field so far is only whitespace: then a double quote opens a quoted field. */
    private boolean blank;
    private long recordLine;
    private long fieldLine;
    private long line = 1;

    private CsvReader(Reader reader, DatasetLimits limits) {
        this.reader = reader;
        this.maxFieldChars = limits.maxFieldChars();
        this.maxColumns = limits.maxColumns();
    }

    /**
     * Reads the whole stream into {@code rows}; the stream is closed by the caller. At most
     * {@code max-bytes} of CSV text are read (after decompression, so a small gzip cannot expand
     * without bound).
     */
    static void read(InputStream raw, DatasetLimits limits, Rows rows) throws IOException {
        read(raw, limits, rows, null);
    }

    /** As {@link #read(InputStream, DatasetLimits, Rows)}, also feeding the decompressed bytes to a digest. */
    static void read(InputStream raw, DatasetLimits limits, Rows rows, MessageDigest digest) throws IOException {
        InputStream text = CsvInput.open(raw, limits.maxBytes());
        CsvReader csv = new CsvReader(decoder(digest == null ? text : new DigestInputStream(text, digest)), limits);
        List<String> names = csv.next();
        if (names == null) {
            throw new DatasetException("The file is empty. Upload a CSV with a header row and at least one data row.");
        }
        csv.header = List.copyOf(names);
        rows.header(csv.header);
        long headerLine = csv.line;
        List<String> fields;
        long start = csv.line;
        while ((fields = csv.next()) != null) {
            if (fields.size() != csv.header.size()) {
                throw new DatasetException("Line " + start + " has " + fields.size() + " fields but the header has "
                        + csv.header.size() + ". Make every row have one value per column.");
            }
            rows.row(start, fields);
            start = csv.line;
        }
        if (start == headerLine) {
            throw new DatasetException("The file has a header but no data rows.");
        }
    }

    private static Reader decoder(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The next non-blank record, or null at the end. */
    private List<String> next() throws IOException {
        while (true) {
            List<String> record = record();
            if (record == null) {
                return null;
            }
            if (!(record.size() == 1 && record.get(0).isBlank())) {
                return record;
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
        fields.clear();
        recordLine = line;
        startField();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new DatasetException("A quoted field that starts on line " + fieldLine + " is never "
                            + "closed. Close it with a double quote.");
                }
                endField(wasQuoted);
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    int after = read();
                    if (after != '"') {
                        quoted = false;
                        c = after;
                        continue;
                    }
                    append('"', true);
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(c, true);
                }
            } else if (c == '"' && blank) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                endField(wasQuoted);
                wasQuoted = false;
                startField();
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    unreadUnless('\n', read());
                }
                line++;
                endField(wasQuoted);
                return fields;
            } else {
                append(c, false);
            }
            c = read();
        }
    }

    private void startField() {
        field.setLength(0);
        blank = true;
        fieldLine = line;
    }

    private void append(int c, boolean quoted) {
        if (field.length() == maxFieldChars) {
            throw tooLong(quoted);
        }
        field.append((char) c);
        if (blank && !Character.isWhitespace(c)) {
            blank = false;
        }
    }

    private void endField(boolean quoted) {
        int limit = header == null ? maxColumns : header.size();
        if (fields.size() == limit) {
            throw header == null
                    ? new DatasetException(ProblemType.PAYLOAD_TOO_LARGE, "The header has more than " + maxColumns
                            + " columns; at most " + maxColumns + " are allowed (trainyard.datasets.max-columns).")
                    : new DatasetException("Line " + recordLine + " has more fields than the header's " + limit
                            + ". Make every row have one value per column (quote values that hold commas).");
        }
        fields.add(quoted ? field.toString() : stripped(field));
    }

    /** As {@link String#strip()}, without first copying the whitespace out of the builder. */
    private static String stripped(StringBuilder text) {
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    private DatasetException tooLong(boolean quoted) {
        int column = fields.size() + 1;
        String where = header == null ? "The name of column " + column + " in the header"
                : "The value of column " + column + " ('" + shorten(header.get(column - 1)) + "') on line " + fieldLine;
        String hint = quoted ? " It starts with a double quote: is its closing quote missing?"
                : " Features are numbers or short categories; check the separator and the quoting.";
        return new DatasetException(where + " is longer than " + maxFieldChars + " characters, the limit "
                + "(trainyard.datasets.max-field-chars)." + hint);
    }

    private static String shorten(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }

    private int read() throws IOException {
        return position < end ? buffer[position++] : fill();
    }

    private int fill() throws IOException {
        try {
            end = reader.read(buffer, 0, buffer.length);
        } catch (CharacterCodingException notUtf8) {
            throw new DatasetException("The file is not valid UTF-8 text (found while reading near line " + line
                    + "). Save it as UTF-8 and upload it again.");
        }
        if (end <= 0) {
            end = 0;
            position = 0;
            return -1;
        }
        position = 1;
        return buffer[0];
    }

    /** Puts {@code c}, just read, back unless it is {@code expected}; the end of the input needs no putting back. */
    private void unreadUnless(int expected, int c) {
        if (c != expected && c >= 0) {
            position--;
        }
    }
}

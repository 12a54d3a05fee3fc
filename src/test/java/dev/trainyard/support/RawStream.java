package dev.trainyard.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A GET of an event stream over a raw socket, read only when the test says so: left unread, it is a client that
 * stalls. Its receive buffer is small, so the server's writes back up after a few kilobytes.
 */
public final class RawStream implements AutoCloseable {

    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawStream(Socket socket) {
        this.socket = socket;
    }

    /** Sends the request (headers as name, value pairs) and reads nothing. */
    public static RawStream open(int port, String path, String... headers) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return new RawStream(socket);
    }

    /** Reads until what arrived so far (status line, headers, chunks as sent) satisfies {@code seen}. */
    public String readUntil(Predicate<String> seen, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (!seen.test(text())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("waited " + timeout + " for the stream, got: " + text());
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int read = in.read(buffer);
            if (read < 0) {
                throw new IllegalStateException("the stream ended first, after: " + text());
            }
            received.write(buffer, 0, read);
        }
        return text();
    }

    /** Reads until the server closes the connection: the whole answer, its body un-chunked. */
    public ApiClient.Reply readToEnd(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        received.write(socket.getInputStream().readAllBytes());
        return ApiClient.parse(received.toByteArray());
    }

    /** Whether the response ended with HTTP's last chunk: the server ended the stream, it did not just break. */
    public boolean endedCleanly() {
        byte[] all = received.toByteArray();
        if (all.length < LAST_CHUNK.length) {
            return false;
        }
        for (int i = 0; i < LAST_CHUNK.length; i++) {
            if (all[all.length - LAST_CHUNK.length + i] != LAST_CHUNK[i]) {
                return false;
            }
        }
        return true;
    }

    private String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

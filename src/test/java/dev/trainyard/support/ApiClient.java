package dev.trainyard.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the service over real HTTP, as a user's client would. Headers are given as name, value pairs. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BOUNDARY = "trainyard-test-boundary";

    /** The Content-Type of {@link #multipartBody}. */
    public static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private final String base;

    public ApiClient(int port) {
        this.port = port;
        this.base = "http://localhost:" + port;
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** A GET whose answer is binary (an ONNX model): its status and body bytes, as sent. */
    public byte[] getBytes(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply send(String method, String path, String body, String... headers) {
        return execute(HttpRequest.newBuilder(URI.create(base + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    /** Sends {@code body} byte for byte, with whatever Content-Type the headers give (or none). */
    public Reply sendBytes(String method, String path, byte[] body, String... headers) {
        return execute(HttpRequest.newBuilder(URI.create(base + path)).method(method,
                HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    /** Sends a body of unknown length, so it goes out in chunks without a Content-Length, as a streaming client's. */
    public Reply sendChunked(String method, String path, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return execute(HttpRequest.newBuilder(URI.create(base + path)).method(method,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))), headers);
    }

    /** POSTs a multipart form: text fields, then one file part named "file". */
    public Reply multipart(String path, Map<String, String> fields, String fileName, byte[] content, String... headers) {
        return post(path, MULTIPART, multipartBody(fields, fileName, content), headers);
    }

    /** A multipart form body: text fields, then one file part named "file"; its boundary is in {@link #MULTIPART}. */
    public static byte[] multipartBody(Map<String, String> fields, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** POSTs {@code body} byte for byte with the given Content-Type, however malformed. */
    public Reply post(String path, String contentType, byte[] body, String... headers) {
        return execute(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    private Reply execute(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a GET whose path is taken byte for byte (no encoding, no checks), the way a broken or
     * hostile client might, and reads the whole answer.
     */
    public Reply rawGet(String path) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole HTTP/1.1 answer as read from a socket: status, headers, and the body (un-chunked). */
    static Reply parse(byte[] raw) {
        String[] answer = new String(raw, StandardCharsets.UTF_8).split("\r\n\r\n", 2);
        String[] lines = answer[0].split("\r\n");
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            String[] header = lines[i].split(":\\s*", 2);
            headers.computeIfAbsent(header[0], name -> new ArrayList<>()).add(header.length > 1 ? header[1] : "");
        }
        String body = answer.length > 1 ? answer[1] : "";
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), java.net.http.HttpHeaders.of(headers, (a, b) -> true),
                headers.containsKey("Transfer-Encoding") ? unchunk(body) : body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return body.toString(); // cut off: what arrived
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}

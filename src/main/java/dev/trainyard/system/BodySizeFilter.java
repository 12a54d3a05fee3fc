package dev.trainyard.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Holds every request body but multipart uploads (which have {@code spring.servlet.multipart.*}) and CSV files for
 * predictions (read as a stream, row by row, within {@code trainyard.datasets.max-bytes} and
 * {@code trainyard.models.max-rows}) to {@code trainyard.api.max-body-bytes}, before authentication or anything else
 * reads it. A body that declares a
 * larger Content-Length is refused unread; one sent in chunks, with no length, is counted as it is read and stopped
 * once it passes the limit ({@link BodyTooLargeException}, which {@link ProblemHandler} answers). Either way: a 413
 * problem. Without this a body of any size would be parsed into memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeFilter extends OncePerRequestFilter {

    private final ApiProperties api;
    private final ProblemWriter problems;

    BodySizeFilter(ApiProperties api, ProblemWriter problems) {
        this.api = api;
        this.problems = problems;
    }

    static String detail(long limit) {
        return "The request body is larger than " + limit + " bytes, the most this API reads "
                + "(trainyard.api.max-body-bytes; an administrator can raise it). A job spec or a sweep is a few "
                + "kilobytes; a dataset is uploaded as multipart/form-data to POST /api/v1/datasets, which has its "
                + "own limit (spring.servlet.multipart.max-file-size).";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        String media = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return media.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE) || media.startsWith("text/csv");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > api.maxBodyBytes()) {
            problems.write(request, response, ProblemType.PAYLOAD_TOO_LARGE, detail(api.maxBodyBytes()));
            return;
        }
        chain.doFilter(new Limited(request, api.maxBodyBytes()), response);
    }

    /** The request with its body counted as it is read. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new Counted(super.getInputStream(), limit);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding == null
                    ? StandardCharsets.UTF_8.name() : encoding));
        }
    }

    /** Fails a read once more than {@code limit} bytes have come. */
    private static final class Counted extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counted(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            return b < 0 ? b : counted(b, 1);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            return n < 0 ? n : counted(n, n);
        }

        private int counted(int result, int bytes) throws BodyTooLargeException {
            count += bytes;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
            return result;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

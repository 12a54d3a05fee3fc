package dev.trainyard.system;

import java.util.Locale;

import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Explains why a multipart body could not be read. The parser's own messages name its classes, so the fault is
 * told from the Content-Type and the innermost cause, in words a client can act on. Spring reports every limit
 * the parser enforces as {@link MaxUploadSizeExceededException}; the cause says which one it was.
 */
final class MultipartProblem {

    private static final String HOW = " Let your HTTP client build the body, e.g. curl -F file=@data.csv.";

    private MultipartProblem() {
    }

    static String malformed(MultipartException ex, WebRequest request) {
        String type = request instanceof NativeWebRequest web
                && web.getNativeRequest() instanceof HttpServletRequest servlet ? servlet.getContentType() : null;
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("boundary=")) {
            return "The Content-Type '" + type + "' has no boundary parameter, so the parts of the body cannot be "
                    + "found." + HOW;
        }
        if (message(innermost(ex)).contains("stream ended unexpectedly")) {
            return "The multipart body ends before its closing boundary line: it was cut short, or the boundary in "
                    + "the Content-Type is not the one the body uses." + HOW;
        }
        return "The multipart/form-data body could not be parsed: its boundary lines or part headers are malformed."
                + HOW;
    }

    static String tooLarge(MaxUploadSizeExceededException ex, MultipartConfigElement config) {
        Throwable cause = innermost(ex);
        if (cause.getClass().getSimpleName().startsWith("FileCountLimit")) {
            return "The multipart body has more parts than this server accepts (server.tomcat.max-part-count). Send "
                    + "the file and the documented form fields only.";
        }
        if (message(cause).startsWith("header section")) {
            return "The headers of a part of the multipart body are longer than this server accepts "
                    + "(server.tomcat.max-part-header-size)." + HOW;
        }
        String limit = config == null ? "this server's limit" : "the limit of " + config.getMaxFileSize()
                + " bytes per file and " + config.getMaxRequestSize() + " per request";
        return "The upload is larger than " + limit + " (spring.servlet.multipart.max-file-size and max-request-size). "
                + "Compress the CSV with gzip, or upload a smaller one.";
    }

    private static String message(Throwable cause) {
        return cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
    }

    private static Throwable innermost(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}

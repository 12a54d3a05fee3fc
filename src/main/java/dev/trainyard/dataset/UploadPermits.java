package dev.trainyard.dataset;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Semaphore;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.trainyard.system.ProblemType;
import dev.trainyard.system.ProblemWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * At most {@code trainyard.datasets.max-concurrent-uploads} multipart requests (uploads) at once on this node; the
 * next one is refused at once with a 503 problem and a Retry-After header, so that a burst of uploads queues at the
 * client instead of taking every core and the disk.
 * <p>
 * A filter rather than an interceptor or the controller: Spring MVC spools the multipart body to disk before any
 * interceptor or handler runs, and the permit must be held from before that spool to the end of the check. Spring
 * Security's filters run first (this filter has the default, lowest order), so only an authenticated upload can
 * take a permit; nothing before this filter reads the body.
 */
@Component
class UploadPermits extends OncePerRequestFilter {

    private final Semaphore permits;
    private final DatasetLimits limits;
    private final ProblemWriter problems;

    UploadPermits(DatasetLimits limits, ProblemWriter problems) {
        this.permits = new Semaphore(limits.maxConcurrentUploads());
        this.limits = limits;
        this.problems = problems;
    }

    /** Permits free now (for tests and diagnostics). */
    int available() {
        return permits.availablePermits();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the test of Spring's StandardServletMultipartResolver: any such request is spooled, whatever its method
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            long seconds = Math.max(1, limits.uploadRetryAfter().toSeconds());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            problems.write(request, response, ProblemType.UPLOADS_BUSY, "This node is already receiving "
                    + limits.maxConcurrentUploads() + " upload(s), its limit (trainyard.datasets.max-concurrent-uploads)."
                    + " Send the upload again in " + seconds + " s (the Retry-After header), or to another node.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}

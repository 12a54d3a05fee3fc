package dev.trainyard.system;

import java.io.IOException;

/**
 * A request body that went past {@code trainyard.api.max-body-bytes} while it was read. An IOException, so that it
 * leaves whatever is reading (the JSON parser) the way a broken connection would, and reaches {@link ProblemHandler}.
 */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super(BodySizeFilter.detail(limit));
    }
}

package dev.trainyard.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP API, bound from {@code trainyard.api.*}.
 *
 * @param maxBodyBytes the largest request body read, multipart uploads aside (they have
 *                     {@code spring.servlet.multipart.*}); a job spec or a sweep is a few kilobytes
 */
@ConfigurationProperties("trainyard.api")
record ApiProperties(@DefaultValue("1048576") long maxBodyBytes) {
}

package dev.trainyard.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on a job, bound from {@code trainyard.jobs.*}.
 *
 * @param maxParameters trainable parameters of the network
 * @param maxWork       epochs times training rows, a proxy for the training's length
 */
@ConfigurationProperties("trainyard.jobs")
record JobLimits(@DefaultValue("5000000") long maxParameters, @DefaultValue("2000000000") long maxWork) {
}

package dev.trainyard.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Worker settings, bound from {@code trainyard.worker.*}.
 *
 * @param warmUp load and exercise the training engine at start-up, before the node reports ready
 */
@ConfigurationProperties("trainyard.worker")
record WorkerProperties(@DefaultValue("true") boolean warmUp) {
}

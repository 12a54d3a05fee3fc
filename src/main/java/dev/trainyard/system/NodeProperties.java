package dev.trainyard.system;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This node, bound from {@code trainyard.node.*}.
 *
 * @param dataDir where the embedded database, the bootstrap admin key and local files live
 * @param role    {@code api} serves the REST API only, {@code worker} trains only, {@code both} does both
 * @param name    how this node appears on the jobs it runs; empty: the JVM's {@code pid@host}
 * @param baseUrl the address clients reach the API at (e.g. {@code https://trainyard.example.com}), used in every
 *                {@code Location}; empty: taken from each request, Host header included
 */
@ConfigurationProperties("trainyard.node")
public record NodeProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("both") Role role,
                             @DefaultValue("") String name, @DefaultValue("") String baseUrl) {

    public NodeProperties {
        name = name.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : name.strip();
        baseUrl = baseUrl.strip().replaceAll("/+$", "");
        if (!baseUrl.isEmpty() && !baseUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new IllegalArgumentException("trainyard.node.base-url must be an http or https URL without query, "
                    + "like https://trainyard.example.com, was '" + baseUrl + "'");
        }
    }

    public enum Role {
        API, WORKER, BOTH;

        public boolean servesApi() {
            return this != WORKER;
        }

        public boolean trains() {
            return this != API;
        }
    }
}

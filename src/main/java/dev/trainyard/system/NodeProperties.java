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
 */
@ConfigurationProperties("trainyard.node")
public record NodeProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("both") Role role,
                             @DefaultValue("") String name) {

    public NodeProperties {
        name = name.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : name.strip();
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

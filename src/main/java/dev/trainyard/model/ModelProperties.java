package dev.trainyard.model;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trained models in use, bound from {@code trainyard.models.*}.
 *
 * @param cacheBytes how much memory this node's loaded models may take (each counted by its stored size); the least
 *                   recently used are dropped past it
 * @param maxRows    rows one prediction request may hold, JSON or CSV
 * @param maxBoundaryResolution the largest side of a decision-boundary grid (its cells are the square of it)
 */
@ConfigurationProperties("trainyard.models")
record ModelProperties(@DefaultValue("268435456") long cacheBytes, @DefaultValue("1000000") int maxRows,
                       @DefaultValue("200") int maxBoundaryResolution) {

    ModelProperties {
        if (cacheBytes < 1 || maxRows < 1) {
            throw new IllegalArgumentException("trainyard.models.cache-bytes and max-rows must be > 0, were "
                    + cacheBytes + " and " + maxRows);
        }
    }
}

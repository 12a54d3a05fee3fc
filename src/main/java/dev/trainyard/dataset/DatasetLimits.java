package dev.trainyard.dataset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on datasets, bound from {@code trainyard.datasets.*}.
 *
 * @param maxBytes   CSV text per upload, after decompression
 * @param maxRows    data rows per dataset
 * @param maxColumns columns per dataset
 * @param minRows    data rows needed to train and evaluate
 */
@ConfigurationProperties("trainyard.datasets")
record DatasetLimits(@DefaultValue("209715200") long maxBytes, @DefaultValue("2000000") long maxRows,
                     @DefaultValue("2000") int maxColumns, @DefaultValue("10") int minRows) {
}

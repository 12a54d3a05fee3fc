package dev.trainyard.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on a job, bound from {@code trainyard.jobs.*}. Every one holds for the network as it will be built: the
 * parameters over the dataset's one-hot encoded inputs, and the layers at every depth of residual blocks.
 *
 * @param maxParameters trainable parameters of the network
 * @param maxWork       epochs times training rows, a proxy for the training's length
 * @param maxLayers     layers of the network, counting each residual block and every layer inside one
 * @param maxNesting    how deep residual blocks may nest: a block among the model's layers is 1 deep, one inside it 2
 * @param maxSnapshots  probes of each kind a job may take while it trains (training.analyses.*, training.snapshots.*):
 *                      its epochs over the interval, plus the last
 */
@ConfigurationProperties("trainyard.jobs")
record JobLimits(@DefaultValue("5000000") long maxParameters, @DefaultValue("2000000000") long maxWork,
                 @DefaultValue("64") int maxLayers, @DefaultValue("8") int maxNesting,
                 @DefaultValue("200") int maxSnapshots) {

    /** No limits: for specs that were held to the limits of their day when they were submitted. */
    static final JobLimits UNBOUNDED = new JobLimits(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE);
}

package dev.trainyard.sweep;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on sweeps, bound from {@code trainyard.sweeps.*}.
 *
 * @param maxTrials   trials one sweep may run (and the largest grid it may ask for)
 * @param maxParallel trials of one sweep queued or running at once
 */
@ConfigurationProperties("trainyard.sweeps")
record SweepLimits(@DefaultValue("200") int maxTrials, @DefaultValue("8") int maxParallel) {
}

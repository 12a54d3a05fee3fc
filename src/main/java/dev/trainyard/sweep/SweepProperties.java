package dev.trainyard.sweep;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sweep settings, bound from {@code trainyard.sweeps.*}.
 *
 * @param maxTrials   trials one sweep may run (and the largest grid it may ask for)
 * @param maxParallel trials of one sweep queued or running at once
 * @param tick        how often each node moves running sweeps on (queues their next trials, ends finished ones)
 */
@ConfigurationProperties("trainyard.sweeps")
record SweepProperties(@DefaultValue("200") int maxTrials, @DefaultValue("8") int maxParallel,
                       @DefaultValue("1s") Duration tick) {
}

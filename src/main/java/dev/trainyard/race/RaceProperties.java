package dev.trainyard.race;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Race limits, bound from {@code trainyard.races.*}; a request beyond one is a 400 naming it. A race's sweep is held
 * to the sweep limits as well ({@code trainyard.sweeps.max-trials}, {@code max-parallel}).
 *
 * @param maxOptimizers optimizers one race compares
 * @param maxSeeds      seeds each optimizer runs on
 * @param maxTrials     trials of one race: optimizers x seeds
 */
@ConfigurationProperties("trainyard.races")
record RaceProperties(@DefaultValue("8") int maxOptimizers, @DefaultValue("20") int maxSeeds,
                      @DefaultValue("100") int maxTrials) {
}

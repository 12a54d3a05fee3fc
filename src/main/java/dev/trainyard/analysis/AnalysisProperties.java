package dev.trainyard.analysis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Analyses, bound from {@code trainyard.analyses.*}: the limits every request is checked against (each refusal a 400
 * naming it), and how worker nodes run them.
 *
 * @param maxSamples       training rows the loss is taken over
 * @param maxEigenvalues   topK and bottomK, each
 * @param maxSteps         Lanczos steps per run
 * @param maxTraceSamples  Hutchinson probes
 * @param maxDensityRuns   random starts of the density
 * @param maxParameters    parameters of the model analysed
 * @param leaseDuration    how long a claimed analysis is its node's without news (progress renews it)
 * @param pollInterval     how often a worker node looks for a queued analysis
 * @param maxAttempts      claims before an analysis whose nodes keep dying fails
 * @param maxLandscapePoints points of a landscape's 1-D curves
 * @param maxLandscapeGrid   points of each side of a landscape's grid
 * @param maxRangeSteps      steps of a learning-rate range test
 * @param maxRangeLr         the largest rate a range test may reach
 * @param listed             analyses a list answers with, newest first
 */
@ConfigurationProperties("trainyard.analyses")
record AnalysisProperties(@DefaultValue("2000") int maxSamples, @DefaultValue("20") int maxEigenvalues,
                          @DefaultValue("200") int maxSteps, @DefaultValue("500") int maxTraceSamples,
                          @DefaultValue("10") int maxDensityRuns, @DefaultValue("2000000") int maxParameters,
                          @DefaultValue("60s") Duration leaseDuration, @DefaultValue("1s") Duration pollInterval,
                          @DefaultValue("3") int maxAttempts, @DefaultValue("201") int maxLandscapePoints,
                          @DefaultValue("51") int maxLandscapeGrid, @DefaultValue("2000") int maxRangeSteps,
                          @DefaultValue("100") double maxRangeLr, @DefaultValue("100") int listed) {
}

package dev.trainyard.engine.optim;

import dev.trainyard.engine.spec.Schedule;

/**
 * The learning rate of an epoch e (from 0) under a schedule. Warm-up first: during the first w
 * epochs the rate is lr * (e + 1) / w. The schedule then counts its epochs s = e - w from the end
 * of warm-up: step lr * factor^floor(s / every); exponential lr * gamma^s; cosine
 * lr * (min + (1 - min) * (1 + cos(pi * s / (S - 1))) / 2), reaching lr * min at the last epoch
 * (S = epochs - w).
 */
public final class LearningRates {

    private LearningRates() {
    }

    public static double at(Schedule schedule, double base, int epoch, int epochs) {
        int warmup = schedule.warmupEpochs();
        if (epoch < warmup) {
            return base * (epoch + 1) / warmup;
        }
        int s = epoch - warmup;
        if (schedule instanceof Schedule.Step step) {
            return base * Math.pow(step.factor(), s / step.everyEpochs());
        }
        if (schedule instanceof Schedule.Exponential exponential) {
            return base * Math.pow(exponential.gamma(), s);
        }
        if (schedule instanceof Schedule.Cosine cosine) {
            int span = epochs - warmup - 1;
            double progress = span <= 0 ? 0 : Math.min(1, (double) s / span);
            return base * (cosine.minFactor() + (1 - cosine.minFactor()) * (1 + Math.cos(Math.PI * progress)) / 2);
        }
        return base;
    }
}

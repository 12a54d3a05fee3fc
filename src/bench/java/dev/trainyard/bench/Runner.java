package dev.trainyard.bench;

/** Trains a workload for its warm-up and timed epochs; returns the seconds of the timed epochs. */
interface Runner {

    double timedSeconds(Workload workload, float[] features, int[] labels) throws Exception;
}

package dev.trainyard.job;

import java.time.Instant;

/**
 * A sweep's trial as the sweep sees it: its job, status, timing, and its best value of the sweep's objective so far
 * with the epoch it was reached at (null before the first epoch).
 */
public record Trial(String jobId, int index, JobStatus status, Instant startedAt, Instant finishedAt, Double objective,
                    Integer objectiveEpoch) {

    public boolean active() {
        return !status.finished();
    }
}

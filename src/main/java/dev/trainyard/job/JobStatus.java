package dev.trainyard.job;

import java.util.Set;

/**
 * The lifecycle of docs/design.md section 4. Every change of status goes through {@link #canMoveTo}.
 * QUEUED -> RUNNING -> SUCCEEDED | FAILED | PRUNED | CANCELLED, and QUEUED -> CANCELLED.
 */
enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, PRUNED, CANCELLED;

    boolean canMoveTo(JobStatus next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next == CANCELLED;
            case RUNNING -> Set.of(SUCCEEDED, FAILED, PRUNED, CANCELLED, QUEUED).contains(next);
            default -> false;
        };
    }

    boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}

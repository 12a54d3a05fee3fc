package dev.trainyard.job;

import java.util.Locale;
import java.util.Set;

import dev.trainyard.system.Transitions;

/**
 * The lifecycle of docs/design.md section 4; every change of status goes through {@link JobTransitions}, which checks
 * it with {@link #canMoveTo} before writing. QUEUED -> RUNNING (claimed), CANCELLED, or FAILED (its stored spec can no
 * longer be read); RUNNING -> SUCCEEDED | FAILED | PRUNED | CANCELLED, or back to QUEUED (handed back, or its lease
 * expired). The other statuses are final.
 */
public enum JobStatus implements Transitions.Status<JobStatus> {
    QUEUED, RUNNING, SUCCEEDED, FAILED, PRUNED, CANCELLED;

    @Override
    public boolean canMoveTo(JobStatus next) {
        return switch (this) {
            case QUEUED -> Set.of(RUNNING, CANCELLED, FAILED).contains(next);
            case RUNNING -> Set.of(SUCCEEDED, FAILED, PRUNED, CANCELLED, QUEUED).contains(next);
            default -> false;
        };
    }

    @Override
    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    /** The status as the API writes it: {@code queued}, {@code running}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

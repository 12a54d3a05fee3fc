package dev.trainyard.sweep;

import dev.trainyard.system.Transitions;

/**
 * A sweep's lifecycle: created RUNNING; RUNNING -> COMPLETED | FAILED (moved by the scheduler) | CANCELLED (by its
 * owner); an ended sweep that is extended runs again (-> RUNNING). Every change goes through {@link SweepStore}'s
 * transition path and is recorded in sweep_transition.
 */
enum SweepStatus implements Transitions.Status<SweepStatus> {
    RUNNING, COMPLETED, FAILED, CANCELLED;

    @Override
    public boolean canMoveTo(SweepStatus next) {
        return (this == RUNNING) != (next == RUNNING);
    }

    @Override
    public boolean finished() {
        return this != RUNNING;
    }
}

package dev.trainyard.job;

/** Why a job FAILED (docs/design.md section 4); the failure message says what to do about it. */
public enum FailureCode {
    DIVERGED, INVALID_DATA, WORKER_LOST, OUT_OF_MEMORY, INTERNAL
}

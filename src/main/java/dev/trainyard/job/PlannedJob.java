package dev.trainyard.job;

/**
 * A job spec checked for its owner and ready to queue: the spec as sent, in canonical form, and its effective spec,
 * every default filled in (docs/design.md section 3). A sweep keeps these for its trials, so each trial is checked
 * and filled in once, when the sweep is created, and runs as it was then.
 */
public record PlannedJob(String spec, String effectiveSpec) {

    public PlannedJob {
        if (spec == null || effectiveSpec == null) {
            throw new IllegalArgumentException("a planned job has its spec and its effective spec");
        }
    }

    /** The SHA-256 of the spec as sent: what an Idempotency-Key is compared by. */
    String hash() {
        return CanonicalSpec.hash(spec);
    }

    /** The planned form of {@code plan}, checked from {@code sent}. */
    static PlannedJob of(JobSpec sent, JobPlan plan) {
        return new PlannedJob(CanonicalSpec.json(sent), CanonicalSpec.json(EffectiveSpec.of(plan)));
    }
}

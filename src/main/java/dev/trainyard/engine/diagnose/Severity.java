package dev.trainyard.engine.diagnose;

/** How much a finding matters: {@code critical} when the run cannot learn as specified. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** The name in the API and the docs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

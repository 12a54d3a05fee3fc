package dev.trainyard.engine.diagnose;

/**
 * The diagnostics rules, each tied to the idea of the notes it comes from. {@link #id} is the name in the API and the
 * anchor of its section in docs/concepts.md, where its thresholds are documented.
 */
public enum Rule {
    VANISHING_GRADIENTS("vanishing_gradients"),
    EXPLODING_GRADIENTS("exploding_gradients"),
    DEAD_RELU("dead_relu"),
    SATURATED_UNITS("saturated_units"),
    SYMMETRIC_INITIALIZATION("symmetric_initialization"),
    INITIALIZATION_SCALE("initialization_scale"),
    LEARNING_RATE_TOO_LARGE("learning_rate_too_large"),
    LEARNING_RATE_TOO_SMALL("learning_rate_too_small"),
    STALLED_TRAINING("stalled_training"),
    PLATEAU("plateau"),
    OVERFITTING("overfitting"),
    UNDERFITTING("underfitting"),
    UNSCALED_FEATURES("unscaled_features"),
    CLASS_IMBALANCE("class_imbalance");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Where the rule, its thresholds and the idea behind it are explained. */
    public String concept() {
        return "docs/concepts.md#" + id;
    }
}

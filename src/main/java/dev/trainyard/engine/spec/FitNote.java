package dev.trainyard.engine.spec;

/**
 * One thing wrong with, or worth saying about, a spec for the dataset it trains on: the path of the field as a job spec
 * writes it ({@code training.earlyStopping.monitor}) and what to do about it, in the values a spec writes.
 */
public record FitNote(String field, String message) {

    /** The note as one sentence for a message that has no field of its own: the field, then the message. */
    public String describe() {
        return field + " " + message;
    }
}

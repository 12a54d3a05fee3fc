package dev.trainyard.job;

/**
 * A run on this node wrote epochs to its history ({@code ended} false), or its outcome ({@code ended} true); published
 * inside the writing transaction, so a listener that waits for the commit reads what was written.
 */
public record JobProgressed(long key, boolean ended) {
}

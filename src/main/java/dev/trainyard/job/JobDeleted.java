package dev.trainyard.job;

/** A job was deleted on this node, with its model: {@code key} is its integer key. */
public record JobDeleted(long key) {
}

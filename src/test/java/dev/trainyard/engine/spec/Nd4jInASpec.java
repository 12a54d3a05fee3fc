package dev.trainyard.engine.spec;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Breaks the specs' rule on purpose, for ArchitectureTest: a spec that holds an ND4J array. */
public record Nd4jInASpec(INDArray weights) {
}

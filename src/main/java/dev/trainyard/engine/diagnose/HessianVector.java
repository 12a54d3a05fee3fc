package dev.trainyard.engine.diagnose;

/** A symmetric linear map given only by its product with vectors: a Hessian, without ever forming it. */
public interface HessianVector {

    /** The dimension n of the vectors it takes and returns. */
    int dimension();

    /** H v, into a new array. */
    double[] times(double[] v);
}

package dev.trainyard.engine;

/**
 * What the numeric backend is on this node.
 *
 * @param backend       ND4J backend, e.g. {@code CPU}
 * @param blasVendor    BLAS library the backend calls, e.g. {@code OPENBLAS}
 * @param cores         cores the backend sees
 * @param blasThreads   threads one BLAS call may use
 * @param ompThreads    threads one ND4J native op may use
 * @param warmUpMillis  how long loading the natives and the first operations took
 * @param vectorized    whether small products use explicit SIMD (JVM started with --add-modules=jdk.incubator.vector)
 */
public record RuntimeInfo(String backend, String blasVendor, int cores, int blasThreads, int ompThreads,
                          long warmUpMillis, boolean vectorized) {
}

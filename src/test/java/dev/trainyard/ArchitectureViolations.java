package dev.trainyard;

import org.nd4j.linalg.factory.Nd4j;

import dev.trainyard.engine.EngineRuntime;

/** Classes that break the package rules on purpose, so {@link ArchitectureTest} can show its rules bite. */
final class ArchitectureViolations {

    private ArchitectureViolations() {
    }

    /** Outside the engine, yet calls ND4J and drives the engine. */
    static final class Nd4jOutsideEngine {
        Object leak() {
            EngineRuntime.warmUp();
            return Nd4j.zeros(1);
        }
    }

    /** Outside the security feature, yet holds its repository. */
    static final class ForeignRepositoryUser {
        dev.trainyard.support.ForeignRepository repository;
    }
}

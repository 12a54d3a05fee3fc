package dev.trainyard.engine.train;

import org.springframework.stereotype.Component;

/** Breaks the engine's rule on purpose, for ArchitectureTest: an engine class that is a Spring bean. */
@Component
public final class SpringInTheEngine {
}

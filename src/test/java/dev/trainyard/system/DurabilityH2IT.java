package dev.trainyard.system;

import org.springframework.test.context.TestPropertySource;

import dev.trainyard.support.H2Stack;

/** On H2 in file mode, as {@code ./mvnw spring-boot:run} runs it. */
@H2Stack
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:file:./target/test-data/durability-${random.uuid}/"
        + "trainyard;DB_CLOSE_ON_EXIT=FALSE")
class DurabilityH2IT extends DurabilityScenarios {
}

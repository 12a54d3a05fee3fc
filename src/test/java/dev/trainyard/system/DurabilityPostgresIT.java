package dev.trainyard.system;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class DurabilityPostgresIT extends DurabilityScenarios {
}

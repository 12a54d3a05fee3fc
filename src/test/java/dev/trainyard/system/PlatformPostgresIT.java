package dev.trainyard.system;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class PlatformPostgresIT extends PlatformScenarios {
}

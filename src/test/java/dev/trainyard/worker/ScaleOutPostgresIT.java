package dev.trainyard.worker;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class ScaleOutPostgresIT extends ScaleOutScenarios {
}

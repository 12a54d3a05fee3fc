package dev.trainyard.sweep;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class SweepRunPostgresIT extends SweepRunScenarios {
}

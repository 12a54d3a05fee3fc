package dev.trainyard.dataset;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class DatasetPostgresIT extends DatasetScenarios {
}

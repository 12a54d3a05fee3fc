package dev.trainyard.model;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class ModelPostgresIT extends ModelScenarios {
}

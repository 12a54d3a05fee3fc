package dev.trainyard.race;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class RacePostgresIT extends RaceScenarios {
}

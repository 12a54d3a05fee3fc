package dev.trainyard.job;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class JobStreamPostgresIT extends JobStreamScenarios {
}

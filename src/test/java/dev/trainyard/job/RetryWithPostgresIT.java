package dev.trainyard.job;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class RetryWithPostgresIT extends RetryWithScenarios {
}

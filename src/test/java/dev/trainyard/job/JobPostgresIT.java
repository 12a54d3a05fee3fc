package dev.trainyard.job;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class JobPostgresIT extends JobScenarios {
}

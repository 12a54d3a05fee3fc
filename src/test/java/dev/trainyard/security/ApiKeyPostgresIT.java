package dev.trainyard.security;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class ApiKeyPostgresIT extends ApiKeyScenarios {
}

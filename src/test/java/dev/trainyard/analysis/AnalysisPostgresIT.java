package dev.trainyard.analysis;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class AnalysisPostgresIT extends AnalysisScenarios {
}

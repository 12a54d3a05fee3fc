package dev.trainyard.diagnostics;

import dev.trainyard.support.PostgresStack;

@PostgresStack
class DiagnosticsPostgresIT extends DiagnosticsScenarios {
}

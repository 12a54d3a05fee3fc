package dev.trainyard.diagnostics;

import dev.trainyard.support.H2Stack;

@H2Stack
class DiagnosticsH2IT extends DiagnosticsScenarios {
}

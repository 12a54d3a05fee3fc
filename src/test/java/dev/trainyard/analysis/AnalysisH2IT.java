package dev.trainyard.analysis;

import dev.trainyard.support.H2Stack;

@H2Stack
class AnalysisH2IT extends AnalysisScenarios {
}

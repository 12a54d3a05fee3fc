package dev.trainyard.sweep;

import dev.trainyard.support.H2Stack;

@H2Stack
class SweepRunH2IT extends SweepRunScenarios {
}

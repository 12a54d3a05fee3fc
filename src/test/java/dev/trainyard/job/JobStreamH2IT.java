package dev.trainyard.job;

import dev.trainyard.support.H2Stack;

@H2Stack
class JobStreamH2IT extends JobStreamScenarios {
}

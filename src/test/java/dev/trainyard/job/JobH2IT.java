package dev.trainyard.job;

import dev.trainyard.support.H2Stack;

@H2Stack
class JobH2IT extends JobScenarios {
}

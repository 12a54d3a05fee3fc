package dev.trainyard.job;

import dev.trainyard.support.H2Stack;

@H2Stack
class JobQueueH2IT extends JobQueueScenarios {
}

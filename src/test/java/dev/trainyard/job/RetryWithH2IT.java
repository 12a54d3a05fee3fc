package dev.trainyard.job;

import dev.trainyard.support.H2Stack;

@H2Stack
class RetryWithH2IT extends RetryWithScenarios {
}

package dev.trainyard.dataset;

import dev.trainyard.support.H2Stack;

@H2Stack
class DatasetH2IT extends DatasetScenarios {
}

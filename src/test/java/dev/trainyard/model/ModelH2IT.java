package dev.trainyard.model;

import dev.trainyard.support.H2Stack;

@H2Stack
class ModelH2IT extends ModelScenarios {
}

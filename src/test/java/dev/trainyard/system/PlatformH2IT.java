package dev.trainyard.system;

import dev.trainyard.support.H2Stack;

@H2Stack
class PlatformH2IT extends PlatformScenarios {
}

package dev.trainyard.race;

import dev.trainyard.support.H2Stack;

@H2Stack
class RaceH2IT extends RaceScenarios {
}

package dev.trainyard.security;

import dev.trainyard.support.H2Stack;

@H2Stack
class ApiKeyH2IT extends ApiKeyScenarios {
}

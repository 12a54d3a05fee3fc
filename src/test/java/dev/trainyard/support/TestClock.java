package dev.trainyard.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in a test context: a {@link MutableClock#following following} clock, so the service runs as
 * usual and a test can move time past a deadline (a cache's freshness, a lease's confirmation) instead of sleeping.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return MutableClock.following();
    }
}

package dev.trainyard.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Tomcat's socket send buffer at 16 KB, so that writes to a client that does not read back up after a few kilobytes
 * instead of the megabytes a loopback socket takes by default: a test's slow client stalls at its first events.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SmallSendBuffer {

    @Bean
    TomcatConnectorCustomizer sixteenKilobyteSendBuffer() {
        return connector -> connector.setProperty("socket.txBufSize", "16384");
    }
}

package dev.trainyard.job;

import static dev.trainyard.system.Settings.positive;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Job event streams ({@code /api/v1/jobs/{id}/events}), bound from {@code trainyard.events.*}.
 *
 * @param maxStreamsPerOwner streams one owner may have open on this node; one more is refused with 429
 * @param maxStreams         streams this node serves in all; one more is refused with 503
 * @param keepAlive          a stream with nothing to send gets a comment line this often, so that proxies keep it
 *                           open and a client that has gone is noticed
 * @param sendTimeout        a stream whose client has taken nothing for this long is closed; the client reconnects
 *                           with Last-Event-ID and misses nothing
 * @param sendBuffer         the most event bytes waiting for one client; the next are read from the database once
 *                           it has taken these
 */
@ConfigurationProperties("trainyard.events")
record EventStreamProperties(@DefaultValue("8") int maxStreamsPerOwner,
                             @DefaultValue("256") int maxStreams,
                             @DefaultValue("15s") Duration keepAlive,
                             @DefaultValue("10s") Duration sendTimeout,
                             @DefaultValue("64KB") DataSize sendBuffer) {

    EventStreamProperties {
        positive("trainyard.events.max-streams-per-owner", maxStreamsPerOwner);
        positive("trainyard.events.max-streams", maxStreams);
        positive("trainyard.events.keep-alive", keepAlive);
        positive("trainyard.events.send-timeout", sendTimeout);
        positive("trainyard.events.send-buffer (bytes)", sendBuffer.toBytes());
    }
}

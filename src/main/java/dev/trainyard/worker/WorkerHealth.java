package dev.trainyard.worker;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code workers} in /actuator/health (and in readiness): DOWN when this node's slots could not reach the database
 * for longer than a lease, because its running jobs are then being taken over by other nodes.
 */
@Component("workers")
class WorkerHealth implements HealthIndicator {

    private final WorkerPool pool;
    private final WorkerProperties settings;

    WorkerHealth(WorkerPool pool, WorkerProperties settings) {
        this.pool = pool;
        this.settings = settings;
    }

    @Override
    public Health health() {
        if (pool.slotCount() == 0) {
            return Health.up().withDetail("slots", 0).build();
        }
        Health.Builder health = pool.sinceHeartbeat().compareTo(settings.leaseDuration()) > 0 ? Health.down()
                .withDetail("reason", "no heartbeat reached the database for " + pool.sinceHeartbeat().toSeconds()
                        + " s; this node's jobs are being taken over") : Health.up();
        return health.withDetail("slots", pool.slotCount()).withDetail("busy", pool.busySlots()).build();
    }
}

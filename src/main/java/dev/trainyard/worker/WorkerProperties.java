package dev.trainyard.worker;

import static dev.trainyard.system.Settings.positive;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Worker settings, bound from {@code trainyard.worker.*}.
 *
 * @param warmUp                load and exercise the training engine at start-up, before the node reports ready
 * @param slots                 jobs this node trains at once; -1: one per core; 0: this node trains nothing
 * @param pollInterval          how often an idle slot looks for a queued job (a job submitted to this node wakes it at once)
 * @param heartbeatInterval     how often running jobs' leases are renewed and their cancel flags read
 * @param leaseDuration         how long a lease lasts without a heartbeat; a node silent for longer loses its jobs
 * @param checkpointEvery       epochs between checkpoints a lost or handed-back job resumes from
 * @param checkpointMinInterval least time between two checkpoints of a job, so fast epochs do not spend their time
 *                              writing state (a lost job redoes at most this much work beyond the epochs)
 * @param maxRetries            lost leases a job survives; one more and it fails with WORKER_LOST
 * @param retryBackoff          wait before a job that lost its lease is claimed again; doubles on each loss
 * @param metricsFlushInterval  longest a finished epoch's metrics wait before they are written (they go in batches)
 * @param handBackTimeout       on shutdown, how long a running job may take to reach its next checkpoint before it is
 *                              handed back from its previous one
 */
@ConfigurationProperties("trainyard.worker")
record WorkerProperties(@DefaultValue("true") boolean warmUp,
                        @DefaultValue("-1") int slots,
                        @DefaultValue("500ms") Duration pollInterval,
                        @DefaultValue("2s") Duration heartbeatInterval,
                        @DefaultValue("30s") Duration leaseDuration,
                        @DefaultValue("5") int checkpointEvery,
                        @DefaultValue("10s") Duration checkpointMinInterval,
                        @DefaultValue("3") int maxRetries,
                        @DefaultValue("5s") Duration retryBackoff,
                        @DefaultValue("1s") Duration metricsFlushInterval,
                        @DefaultValue("20s") Duration handBackTimeout) {

    WorkerProperties {
        if (slots < -1) {
            throw new IllegalArgumentException("trainyard.worker.slots must be -1 (one per core), 0 or more; was " + slots);
        }
        positive("trainyard.worker.checkpoint-every", checkpointEvery);
        if (leaseDuration.compareTo(heartbeatInterval.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("trainyard.worker.lease-duration (" + leaseDuration + ") must be more than "
                    + "twice the heartbeat interval (" + heartbeatInterval + "), or healthy nodes lose their jobs");
        }
    }

    /** The slot count, with -1 resolved to the cores this JVM may use. */
    int slotCount() {
        return slots == -1 ? Runtime.getRuntime().availableProcessors() : slots;
    }
}

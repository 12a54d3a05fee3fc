package dev.trainyard.worker;

import org.springframework.stereotype.Component;

import dev.trainyard.engine.train.EpochMetrics;
import dev.trainyard.job.ClaimedJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What this node's workers report to /actuator/prometheus: {@code trainyard_jobs_queue_wait_seconds} (from submission
 * or re-queueing to a claim) and {@code trainyard_training_samples_total} (its rate is the samples trained per second).
 */
@Component
class WorkerMeters {

    private final Timer queueWait;
    private final Counter samples;

    WorkerMeters(MeterRegistry registry) {
        this.queueWait = Timer.builder("trainyard.jobs.queue.wait").description("Time a job waited before a worker "
                + "claimed it").publishPercentileHistogram().register(registry);
        this.samples = Counter.builder("trainyard.training.samples").description("Training samples processed by "
                + "this node's workers").register(registry);
    }

    void claimed(ClaimedJob job) {
        queueWait.record(job.waited());
    }

    void trained(EpochMetrics epoch) {
        Double perSecond = epoch.values().get("samples_per_second");
        Double seconds = epoch.values().get("epoch_seconds");
        if (perSecond != null && seconds != null) {
            samples.increment(perSecond * seconds);
        }
    }
}

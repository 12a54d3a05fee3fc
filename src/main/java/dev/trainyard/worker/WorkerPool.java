package dev.trainyard.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.engine.EngineRuntime;
import dev.trainyard.job.ClaimedJob;
import dev.trainyard.job.JobQueue;
import dev.trainyard.job.JobQueued;
import dev.trainyard.job.Lease;
import dev.trainyard.job.StopRequest;
import dev.trainyard.system.NodeProperties;

/**
 * This node's training slots. Each slot claims the oldest queued job, trains it, and claims again; a scheduler
 * renews the leases of running jobs, passes on cancel requests, and re-queues jobs whose node stopped answering.
 * On shutdown the slots stop claiming, running jobs checkpoint at their next epoch end and go back to the queue.
 * BLAS threads per job are the cores divided among the slots, so a full node does not oversubscribe its CPU.
 */
@Component
class WorkerPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final JobQueue queue;
    private final DatasetService datasets;
    private final WorkerProperties settings;
    private final NodeProperties node;
    private final WorkerMeters meters;
    private final Map<Integer, JobRun> running = new ConcurrentHashMap<>();
    private final Object work = new Object();
    private volatile boolean claiming;
    private final Clock clock;
    private volatile long lastHeartbeat;
    private List<Thread> slots = List.of();
    private ScheduledExecutorService scheduler;

    WorkerPool(JobQueue queue, DatasetService datasets, WorkerProperties settings, NodeProperties node,
            WorkerMeters meters, Clock clock) {
        this.clock = clock;
        this.lastHeartbeat = clock.millis();
        this.meters = meters;
        this.queue = queue;
        this.datasets = datasets;
        this.settings = settings;
        this.node = node;
    }

    @Override
    public void start() {
        int count = node.role().trains() ? settings.slotCount() : 0;
        if (count == 0) {
            log.info("This node trains no jobs (role {}, trainyard.worker.slots={})", node.role(), settings.slots());
            return;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / count);
        EngineRuntime.limitThreads(threads);
        claiming = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "trainyard-heartbeat"));
        long every = settings.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        slots = IntStream.range(0, count).mapToObj(this::startSlot).toList();
        log.info("Node {} trains up to {} jobs at once with {} BLAS thread(s) each", node.name(), count, threads);
    }

    private Thread startSlot(int slot) {
        Thread thread = new Thread(() -> work(slot), "trainyard-slot-" + slot);
        thread.start();
        return thread;
    }

    @TransactionalEventListener
    void onQueued(JobQueued queued) {
        synchronized (work) {
            work.notifyAll();
        }
    }

    private void work(int slot) {
        while (claiming) {
            Optional<JobRun> claimed = claim(slot);
            if (claimed.isEmpty()) {
                idle(settings.pollInterval());
                continue;
            }
            if (!claiming) {
                claimed.get().stop(StopRequest.handBack());
            }
            run(slot, claimed.get());
        }
    }

    /** Claims the oldest queued job for {@code slot}: its run, which heartbeats now reach, or empty. */
    Optional<JobRun> claim(int slot) {
        Optional<ClaimedJob> claimed = claimAs(node.name() + "#" + slot);
        claimed.ifPresent(job -> {
            meters.claimed(job);
            running.put(slot, new JobRun(job, queue, datasets, settings, meters, clock));
        });
        return claimed.map(job -> running.get(slot));
    }

    /** Trains a claimed run on this thread until it ends or stops, and frees its slot. */
    void run(int slot, JobRun run) {
        try {
            run.run();
        } catch (RuntimeException unrecorded) {
            log.error("Slot {} could not record the end of job {}", slot, run.lease().jobPublicId(), unrecorded);
        } finally {
            running.remove(slot);
        }
    }

    private Optional<ClaimedJob> claimAs(String owner) {
        try {
            return queue.claim(owner, node.name(), settings.leaseDuration());
        } catch (RuntimeException databaseTrouble) {
            log.warn("Could not claim a job: {}", databaseTrouble.getMessage());
            return Optional.empty();
        }
    }

    private void idle(Duration wait) {
        synchronized (work) {
            try {
                work.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                claiming = false;
            }
        }
    }

    /** Renews leases, passes stop requests (a cancel, a prune, a lost lease) to the runs, and re-queues expired jobs. */
    void heartbeat() {
        try {
            Map<Lease, JobRun> byLease = new HashMap<>();
            running.values().forEach(run -> byLease.put(run.lease(), run));
            if (!byLease.isEmpty()) {
                queue.heartbeat(byLease.keySet(), settings.leaseDuration()).forEach((lease, stop) -> {
                    JobRun run = byLease.get(lease);
                    if (stop.isEmpty() || stop.get().cause() != StopRequest.Cause.LEASE_LOST) {
                        run.held();
                    }
                    stop.ifPresent(run::stop);
                });
            }
            int requeued = queue.requeueExpired(settings.maxRetries(), settings.retryBackoff());
            if (requeued > 0) {
                log.warn("Took back {} job(s) whose node stopped renewing its lease", requeued);
            }
            lastHeartbeat = clock.millis();
        } catch (RuntimeException databaseTrouble) {
            log.warn("Heartbeat failed: {}", databaseTrouble.getMessage());
        }
    }

    @Override
    public void stop(Runnable done) {
        new Thread(() -> {
            stop();
            done.run();
        }, "trainyard-worker-stop").start();
    }

    /** Stops claiming, asks running jobs to checkpoint and go back to the queue, and waits for the slots to end. */
    @Override
    public void stop() {
        claiming = false;
        running.values().forEach(run -> run.stop(StopRequest.handBack()));
        synchronized (work) {
            work.notifyAll();
        }
        for (Thread slot : slots) {
            try {
                slot.join(settings.handBackTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        slots = List.of();
    }

    /** Slots this node runs (0 when it trains nothing). */
    int slotCount() {
        return slots.size();
    }

    /** Jobs training on this node now. */
    int busySlots() {
        return running.size();
    }

    /** Time since the last heartbeat that reached the database. */
    Duration sinceHeartbeat() {
        return Duration.ofMillis(clock.millis() - lastHeartbeat);
    }

    @Override
    public boolean isRunning() {
        return claiming || !slots.isEmpty();
    }
}

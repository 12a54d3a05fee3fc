package dev.trainyard.worker;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationContext;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.job.JobQueue;
import dev.trainyard.job.Lease;
import dev.trainyard.job.StopRequest;
import dev.trainyard.system.NodeProperties;

/**
 * One worker slot that a test drives by hand, on the test's own thread: it claims when told, trains when told, and
 * heartbeats when told, through the same code a node's {@link WorkerPool} runs, so a test reaches each state of a job
 * without starting the pool's threads and waiting for them. Use it in a context whose node trains nothing
 * ({@code trainyard.worker.slots=0}, the test profile's default), or the node's own slots race it for the queue.
 * <p>
 * A run asked to {@link #handBack hand back} before it trains stops at the end of its first epoch, checkpointed: one
 * epoch on demand. A {@link #heartbeat} passes what is stored on the job (a cancel, a prune) to the claimed run, which
 * then stops at its first step.
 */
public final class ManualWorker {

    private static final int SLOT = 0;

    private final WorkerPool pool;
    private JobRun claimed;

    private ManualWorker(WorkerPool pool) {
        this.pool = pool;
    }

    /** A slot on the node of {@code context}, with its queue, datasets, settings and clock. */
    public static ManualWorker of(ApplicationContext context) {
        return new ManualWorker(new WorkerPool(context.getBean(JobQueue.class), context.getBean(DatasetService.class),
                context.getBean(WorkerProperties.class), context.getBean(NodeProperties.class),
                context.getBean(WorkerMeters.class), context.getBean(Clock.class)));
    }

    /** Claims the oldest queued job, as an idle slot would; returns its id, or empty when nothing may be claimed. */
    public Optional<String> claim() {
        if (claimed != null) {
            throw new IllegalStateException("job " + claimed.lease().jobPublicId() + " is claimed and not run yet");
        }
        claimed = pool.claim(SLOT).orElse(null);
        return Optional.ofNullable(claimed).map(run -> run.lease().jobPublicId());
    }

    /** The lease of the claimed job. */
    public Lease lease() {
        return current().lease();
    }

    /** One heartbeat of the node: renews the claimed job's lease, passes it its stop request, re-queues expired jobs. */
    public ManualWorker heartbeat() {
        pool.heartbeat();
        return this;
    }

    /** Asks the claimed run to stop, as a heartbeat or the node's shutdown would. */
    public ManualWorker stop(StopRequest request) {
        current().stop(request);
        return this;
    }

    /** The node's shutdown: the claimed run checkpoints at the end of its current epoch and goes back to the queue. */
    public ManualWorker handBack() {
        return stop(StopRequest.handBack());
    }

    /** Trains the claimed job on this thread until it ends or stops, and returns its id. */
    public String run() {
        JobRun run = current();
        claimed = null;
        pool.run(SLOT, run);
        return run.lease().jobPublicId();
    }

    /** Claims the oldest queued job and trains it to its end; returns its id, or empty when there was none. */
    public Optional<String> runNext() {
        return claim().map(id -> run());
    }

    private JobRun current() {
        if (claimed == null) {
            throw new IllegalStateException("no job is claimed: call claim() first");
        }
        return claimed;
    }
}

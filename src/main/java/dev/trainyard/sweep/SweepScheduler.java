package dev.trainyard.sweep;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.trainyard.job.Checked;
import dev.trainyard.job.JobStatus;
import dev.trainyard.job.JobSubmissions;
import dev.trainyard.job.PlannedJob;
import dev.trainyard.job.Trial;
import dev.trainyard.system.Databases;

/**
 * Moves running sweeps on, on every node: each tick locks one sweep at a time ({@code FOR UPDATE SKIP LOCKED}, so two
 * nodes never work on the same sweep at once), queues its next trials while fewer than its max-parallel are queued or
 * running and fewer than its max-trials exist, and ends it when all its trials have ended or too many failed. Each
 * trial is queued as it was planned (checked and filled in when the sweep was created, kept in sweep_trial), and
 * (sweep, index) is unique, so a restart or a race can neither lose nor duplicate a trial.
 */
@Component
class SweepScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepScheduler.class);

    private final SweepStore store;
    private final SweepPlanner planner;
    private final JobSubmissions jobs;
    private final TransactionTemplate transactions;
    private final SweepProperties settings;
    private ScheduledExecutorService ticker;

    SweepScheduler(SweepStore store, SweepPlanner planner, JobSubmissions jobs, TransactionTemplate transactions,
            SweepProperties settings) {
        this.store = store;
        this.planner = planner;
        this.jobs = jobs;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** One pass over the running sweeps. */
    void tick() {
        try {
            store.running().forEach(this::advance);
        } catch (RuntimeException databaseTrouble) {
            log.warn("Could not list the running sweeps: {}", databaseTrouble.getMessage());
        }
    }

    /**
     * Moves one sweep on in its own transaction; a node that finds it locked leaves it to the holder. A transient
     * database error is tried again at the next tick; any other error would recur at every tick, so it ends the sweep
     * FAILED with its reason, in a transaction of its own (the sweep's own was rolled back with the error).
     */
    void advance(long id) {
        try {
            transactions.executeWithoutResult(status -> store.lockRunning(id).ifPresent(this::advance));
        } catch (RuntimeException trouble) {
            if (Databases.isTransient(trouble)) {
                log.warn("Could not move sweep {} on, trying again: {}", id, Databases.rootMessage(trouble));
                return;
            }
            String reason = trouble instanceof Unrunnable unrunnable ? unrunnable.getMessage()
                    : "an internal error stopped it (" + trouble.getClass().getSimpleName() + "); the node's log has "
                            + "the details";
            if (!(trouble instanceof Unrunnable)) {
                log.error("Sweep {} failed", id, trouble);
            }
            transactions.executeWithoutResult(status -> store.lockRunning(id)
                    .ifPresent(sweep -> store.finish(sweep.id(), SweepStatus.FAILED, reason)));
        }
    }

    /** A sweep whose next trial cannot be queued, whatever the tick. */
    private static final class Unrunnable extends RuntimeException {
        Unrunnable(String reason) {
            super(reason);
        }
    }

    private void advance(SweepStore.Row sweep) {
        SweepPlan plan = planner.stored(sweep);
        List<Trial> trials = jobs.trials(sweep.publicId(), plan.metric(), plan.maximize());
        long failed = trials.stream().filter(trial -> trial.status() == JobStatus.FAILED).count();
        long active = trials.stream().filter(Trial::active).count();
        if (failed >= plan.maxFailed()) {
            trials.stream().filter(Trial::active).forEach(trial -> jobs.cancel(sweep.owner(), trial.jobId()));
            store.finish(sweep.id(), SweepStatus.FAILED, failed + " trials failed (limits.maxFailed is "
                    + plan.maxFailed() + "); see their failures");
            return;
        }
        String complete = completion(plan, trials);
        if (complete != null) {
            trials.stream().filter(Trial::active).forEach(trial -> jobs.cancel(sweep.owner(), trial.jobId()));
            store.finish(sweep.id(), SweepStatus.COMPLETED, complete);
            return;
        }
        prune(plan, trials);
        int created = sweep.trialsCreated();
        for (; active < plan.maxParallel() && created < sweep.maxTrials(); created++) {
            Checked<Optional<String>> queued = jobs.submitTrial(sweep.owner(), trial(sweep, plan, created),
                    sweep.publicId(), created);
            if (!queued.valid()) {
                throw new Unrunnable("trial " + created + " cannot be queued: " + queued.describe());
            }
            if (queued.value().isPresent()) {
                active++;
            }
        }
        store.created(sweep.id(), created);
        if (created >= sweep.maxTrials() && active == 0) {
            store.finish(sweep.id(), SweepStatus.COMPLETED, "all " + created + " trials ended");
        }
    }

    /** Trial {@code index} as planned, planning (and keeping) it now if it was not planned with the sweep. */
    private PlannedJob trial(SweepStore.Row sweep, SweepPlan plan, int index) {
        return store.trial(sweep.id(), index).orElseGet(() -> {
            Checked<PlannedJob> planned = planner.trial(sweep.owner(), plan, index);
            if (!planned.valid()) {
                throw new Unrunnable("trial " + index + " cannot be queued: " + planned.describe());
            }
            store.saveTrial(sweep.id(), index, planned.value());
            return planned.value();
        });
    }

    /**
     * Why the sweep is done before its last trial: a trial reached the target, or the best objective has not improved
     * over the last {@code patience} ended trials (in the order they ended); null to go on.
     */
    static String completion(SweepPlan plan, List<Trial> trials) {
        for (Trial trial : trials) {
            if (trial.objective() != null && plan.reaches(trial.objective(), plan.stopAt())) {
                return "trial " + trial.index() + " reached the completion target " + plan.stopAt();
            }
        }
        if (plan.patience() == null) {
            return null;
        }
        List<Trial> ended = trials.stream().filter(trial -> !trial.active() && trial.objective() != null
                && trial.finishedAt() != null).sorted(Comparator.comparing(Trial::finishedAt)).toList();
        Double best = null;
        int since = 0;
        for (Trial trial : ended) {
            boolean better = best == null || (plan.maximize() ? trial.objective() > best : trial.objective() < best);
            best = better ? trial.objective() : best;
            since = better ? 0 : since + 1;
        }
        return since >= plan.patience() ? "the best objective has not improved over the last " + since
                + " ended trials (completion.patience)" : null;
    }

    /** Asks the pruner about every running trial that has epochs, against the curves of all trials that started. */
    private void prune(SweepPlan plan, List<Trial> trials) {
        if (plan.pruner() instanceof Pruner.None) {
            return;
        }
        List<Pruner.Curve> curves = trials.stream().filter(trial -> trial.status() != JobStatus.QUEUED).map(trial -> {
            JobSubmissions.History history = jobs.history(trial.jobId(), plan.metric());
            return new Pruner.Curve(trial.jobId(), !trial.active(), history.values(), history.writtenAt());
        }).filter(curve -> curve.epochs() > 0).toList();
        for (Pruner.Curve curve : curves) {
            if (!curve.ended()) {
                List<Pruner.Curve> others = curves.stream().filter(other -> other != curve).toList();
                String verdict = plan.pruner().verdict(curve, others, plan.maximize());
                if (verdict != null) {
                    jobs.prune(curve.jobId(), "pruned by its sweep: " + verdict);
                }
            }
        }
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "trainyard-sweeps");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.tick().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ticker.shutdownNow();
        ticker = null;
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}

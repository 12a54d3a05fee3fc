package dev.trainyard.job;

import static dev.trainyard.job.JobStatus.CANCELLED;
import static dev.trainyard.job.JobStatus.FAILED;
import static dev.trainyard.job.JobStatus.QUEUED;
import static dev.trainyard.job.JobStatus.RUNNING;
import static dev.trainyard.job.JobStatus.SUCCEEDED;
import static dev.trainyard.support.JobAssert.assertThatJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;
import dev.trainyard.metrics.EpochPoints;
import dev.trainyard.metrics.JobMetrics;
import dev.trainyard.worker.ManualWorker;

/**
 * The queue on its own, with no worker slots running: claims, leases, fencing, retries and cancels, on H2
 * ({@link JobQueueH2IT}) and PostgreSQL ({@link JobQueuePostgresIT}). Leases and backoffs are moved into the past
 * on the database's clock ({@link TestQueue}) rather than waited for; runs that train are driven by a
 * {@link ManualWorker} on the test's thread.
 */
abstract class JobQueueScenarios {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final String TINY = """
            {"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 4}]},
             "training": {"epochs": 3}}
            """;

    @Autowired
    JobQueue queue;

    @Autowired
    JobService jobs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    String owner;

    @BeforeEach
    void emptyQueue() {
        TestQueue.clear(jdbc);
        owner = "queue-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String submit() {
        return jobs.submit(owner, json.readValue(TINY, JobSpec.class), null).id();
    }

    private ClaimedJob claim(String worker) {
        return queue.claim(worker, "node-" + worker, LEASE).orElseThrow();
    }

    private String status(String id) {
        return jdbc.queryForObject("select status from job where public_id = ?", String.class, UUID.fromString(id));
    }

    private static EpochPoints epoch(int epoch, double loss) {
        return new EpochPoints(epoch, Map.of("train_loss", loss));
    }

    @Test
    void concurrentClaimsNeverGiveOneJobToTwoWorkers() throws Exception {
        Set<String> submitted = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            submitted.add(submit());
        }
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String worker = "w" + w;
            done.add(workers.submit(() -> {
                start.await();
                for (Optional<ClaimedJob> job = queue.claim(worker, worker, LEASE); job.isPresent();
                        job = queue.claim(worker, worker, LEASE)) {
                    claimed.add(job.get().lease().jobPublicId());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : done) {
            worker.get();
        }
        workers.shutdown();
        assertThat(claimed).hasSize(40).doesNotHaveDuplicates();
        assertThat(Set.copyOf(claimed)).isEqualTo(submitted);
        assertThat(jdbc.queryForObject("select count(*) from job where status = 'RUNNING' and attempt = 1 and owner = ?",
                Integer.class, owner)).isEqualTo(40);
    }

    @Test
    void claimsTakeTheOldestJobFirstAndCarryItsPlan() {
        String first = submit();
        submit();
        ClaimedJob job = claim("a");
        assertThat(job.lease().jobPublicId()).isEqualTo(first);
        assertThat(job.lease().attempt()).isEqualTo(1);
        assertThat(job.owner()).isEqualTo(owner);
        assertThat(job.datasetId()).isEqualTo("builtin:iris");
        assertThat(job.training().epochs()).isEqualTo(3);
        assertThat(job.checkpoint()).isNull();
        assertThat(jdbc.queryForObject("select lease_until > current_timestamp from job where public_id = ?",
                Boolean.class, UUID.fromString(first))).isTrue();
    }

    private String submitAs(String who, String spec) {
        return jobs.submit(who, json.readValue(spec, JobSpec.class), null).id();
    }

    @Test
    void aFreeSlotGoesToTheOwnerWithTheFewestRunningJobsNotToTheOldestJob() {
        String busy = owner;
        List<String> many = IntStream.range(0, 50).mapToObj(i -> submitAs(busy, TINY)).toList();
        String other = owner + "-other";
        String one = submitAs(other, TINY);
        assertThat(claim("a").lease().jobPublicId()).as("no one runs anything: the oldest").isEqualTo(many.get(0));
        assertThat(claim("b").lease().jobPublicId()).as("the owner with nothing running, though its job is the "
                + "newest of 51").isEqualTo(one);
        assertThat(claim("c").lease().jobPublicId()).as("one running each: the oldest again").isEqualTo(many.get(1));
        String later = submitAs(other, TINY);
        assertThat(claim("d").lease().jobPublicId()).as("2 running against 1").isEqualTo(later);
        jdbc.update("update job set status = 'SUCCEEDED' where public_id in (?, ?)", UUID.fromString(one),
                UUID.fromString(later));
        assertThat(claim("e").lease().jobPublicId()).as("only running jobs count").isEqualTo(many.get(2));
    }

    @Test
    void withinAnOwnerAHigherPriorityJobIsClaimedFirstThenTheOldest() {
        String low = submitAs(owner, TINY.replace("\"training\"", "\"priority\": -5, \"training\""));
        String plain = submitAs(owner, TINY);
        String urgent = submitAs(owner, TINY.replace("\"training\"", "\"priority\": 10, \"training\""));
        String alsoPlain = submitAs(owner, TINY);
        assertThat(List.of(claim("a"), claim("b"), claim("c"), claim("d")).stream()
                .map(job -> job.lease().jobPublicId())).containsExactly(urgent, plain, alsoPlain, low);
        String other = submitAs(owner + "-other", TINY.replace("\"training\"", "\"priority\": -100, \"training\""));
        submitAs(owner, TINY.replace("\"training\"", "\"priority\": 100, \"training\""));
        assertThat(claim("e").lease().jobPublicId()).as("priority orders one owner's jobs, not the owners")
                .isEqualTo(other);
        assertThatThrownBy(() -> submitAs(owner, TINY.replace("\"training\"", "\"priority\": 101, \"training\"")))
                .isInstanceOf(dev.trainyard.system.ApiException.class).hasMessageContaining("priority");
    }

    @Test
    void aWorkerThatLostItsLeaseCanChangeNothing() {
        String id = submit();
        ClaimedJob old = claim("old");
        queue.recordEpochs(old.lease(), List.of(epoch(0, 1.0)));
        assertThat(queue.requeueExpired(3, Duration.ZERO)).as("the lease still holds").isZero();
        TestQueue.expireLease(jdbc, id);
        assertThat(queue.requeueExpired(3, Duration.ZERO)).isEqualTo(1);
        assertThat(queue.heartbeat(List.of(old.lease()), LEASE)).containsEntry(old.lease(),
                Optional.of(StopRequest.leaseLost()));
        ClaimedJob fresh = claim("fresh");
        assertThat(fresh.lease().attempt()).isEqualTo(2);

        assertThatThrownBy(() -> queue.recordEpochs(old.lease(), List.of(epoch(0, 9.0), epoch(1, 9.0))))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> queue.checkpoint(old.lease(), List.of(), 0, new byte[] {1}))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> queue.stopped(old.lease(), List.of(), StopRequest.cancel()))
                .isInstanceOf(LeaseLostException.class);
        queue.recordEpochs(fresh.lease(), List.of(epoch(0, 0.5)));
        assertThat(jdbc.queryForList("select metric_value from metric_point p join job j on j.id = p.job_id "
                + "where j.public_id = ?", Double.class, UUID.fromString(id))).containsExactly(0.5);
        assertThatJob(jdbc, id).hasStatus(RUNNING).hasAttempts(2);
    }

    /** How long the job waits before it may be claimed again, on the database's clock. */
    private Duration backoffLeft(String id) {
        return Duration.ofMillis(jdbc.queryForObject("select not_before, current_timestamp from job where public_id = ?",
                (rs, row) -> Duration.between(rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(1, OffsetDateTime.class)).toMillis(), UUID.fromString(id)));
    }

    @Test
    void expiredLeasesAreRetriedWithBackoffThenFailWithWorkerLost() {
        String id = submit();
        Duration backoff = Duration.ofSeconds(60);
        for (int attempt = 1; attempt <= 3; attempt++) {
            ClaimedJob job = claim("w");
            assertThat(job.lease().attempt()).isEqualTo(attempt);
            TestQueue.expireLease(jdbc, id);
            assertThat(queue.requeueExpired(2, backoff)).isEqualTo(1);
            if (attempt < 3) {
                assertThatJob(jdbc, id).hasStatus(QUEUED);
                Duration doubled = backoff.multipliedBy(1L << (attempt - 1));
                assertThat(backoffLeft(id)).as("the backoff doubles on each lost lease")
                        .isBetween(doubled.minusSeconds(5), doubled);
                assertThat(queue.claim("w", "node-w", LEASE)).as("backing off").isEmpty();
                TestQueue.endBackoff(jdbc, id);
            }
        }
        assertThatJob(jdbc, id).hasStatus(FAILED).hasFailureCode(FailureCode.WORKER_LOST)
                .hasFailureMessageContaining("stopped answering 3 times").hasAttempts(3);
    }

    @Test
    void aResumedAttemptGetsTheCheckpointAndRewritesTheEpochsAfterIt() {
        String id = submit();
        ClaimedJob first = claim("a");
        queue.checkpoint(first.lease(), List.of(epoch(0, 3.0), epoch(1, 2.0)), 1, new byte[] {4, 2});
        queue.recordEpochs(first.lease(), List.of(epoch(2, 1.0)));
        TestQueue.expireLease(jdbc, id);
        assertThat(queue.requeueExpired(3, Duration.ZERO)).isEqualTo(1);

        ClaimedJob second = claim("b");
        assertThat(second.checkpoint()).containsExactly(4, 2);
        assertThat(second.firstEpoch()).isEqualTo(2);
        assertThat(jdbc.queryForList("select step from metric_point p join job j on j.id = p.job_id where "
                + "j.public_id = ? order by step", Integer.class, UUID.fromString(id))).containsExactly(0, 1);
        queue.recordEpochs(second.lease(), List.of(epoch(2, 1.0)));
        queue.succeed(second.lease(), List.of(), new Success("MAX_EPOCHS", -1, Map.of(), List.of(), "{}", null));
        assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasAttempts(2);
        assertThat(jdbc.queryForObject("select count(*) from checkpoint c join job j on j.id = c.job_id where "
                + "j.public_id = ?", Integer.class, UUID.fromString(id))).as("checkpoint dropped at the end").isZero();
        assertThat(jdbc.queryForList("select to_status from job_transition t join job j on j.id = t.job_id where "
                + "j.public_id = ? order by t.id", String.class, UUID.fromString(id)))
                .containsExactly("QUEUED", "RUNNING", "QUEUED", "RUNNING", "SUCCEEDED");
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnceAndARunningOneAtItsNextHeartbeat() {
        String running = submit();
        ClaimedJob other = claim("w");

        jobs.cancel(owner, running);
        assertThat(status(running)).as("a running job is only asked").isEqualTo("RUNNING");
        assertThat(queue.heartbeat(List.of(other.lease()), LEASE)).containsEntry(other.lease(),
                Optional.of(StopRequest.cancel()));
        queue.stopped(other.lease(), List.of(epoch(0, 1.0)), StopRequest.cancel());
        assertThat(status(running)).isEqualTo("CANCELLED");
        jobs.cancel(owner, running);
        assertThat(status(running)).as("idempotent").isEqualTo("CANCELLED");

        String waiting = submit();
        jobs.cancel(owner, waiting);
        assertThat(status(waiting)).isEqualTo("CANCELLED");
        assertThat(queue.claim("w3", "n", LEASE)).isEmpty();
    }

    @Test
    void aCancelPendingWhenTheLeaseExpiresEndsTheJobCancelled() {
        String id = submit();
        claim("w");
        jobs.cancel(owner, id);
        TestQueue.expireLease(jdbc, id);
        assertThat(queue.requeueExpired(3, Duration.ZERO)).isEqualTo(1);
        assertThatJob(jdbc, id).hasStatus(CANCELLED);
    }

    @Autowired
    ApplicationContext context;

    private List<String> transitions(String id) {
        return jdbc.queryForList("select to_status from job_transition t join job j on j.id = t.job_id where "
                + "j.public_id = ? order by t.id", String.class, UUID.fromString(id));
    }

    @Test
    void aManualWorkerTrainsTheOldestJobToItsEndOnTheTestsThread() {
        ManualWorker worker = ManualWorker.of(context);
        assertThat(worker.runNext()).as("nothing queued").isEmpty();
        String first = submit();
        String second = submit();

        assertThat(worker.runNext()).contains(first);
        assertThatJob(jdbc, first).hasStatus(SUCCEEDED).hasEpochs(3).hasAttempts(1);
        assertThatJob(jdbc, second).hasStatus(QUEUED);
    }

    @Test
    void aCancelReachesARunningJobAtItsNextHeartbeatAndStopsItAtItsNextStep() {
        String id = submit();
        ManualWorker worker = ManualWorker.of(context);
        assertThat(worker.claim()).contains(id);
        jobs.cancel(owner, id);
        assertThatJob(jdbc, id).as("only asked").hasStatus(RUNNING);

        worker.heartbeat().run();

        assertThatJob(jdbc, id).hasStatus(CANCELLED).hasAttempts(1);
        assertThat(transitions(id)).containsExactly("QUEUED", "RUNNING", "CANCELLED");
    }

    @Test
    void aHandBackCheckpointsAtTheEndOfTheEpochAndTheNextAttemptResumesFromIt() {
        String id = submit();
        ManualWorker worker = ManualWorker.of(context);
        assertThat(worker.claim()).contains(id);

        worker.handBack().run();

        assertThatJob(jdbc, id).hasStatus(QUEUED).hasEpochs(1).hasAttempts(1);
        assertThat(jdbc.queryForObject("select c.epoch from checkpoint c join job j on j.id = c.job_id where "
                + "j.public_id = ?", Integer.class, UUID.fromString(id))).as("the state after the first epoch").isZero();

        assertThat(worker.runNext()).contains(id);
        assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasEpochs(3).hasAttempts(2);
        assertThat(jdbc.queryForList("select step from metric_point p join job j on j.id = p.job_id where "
                + "j.public_id = ? and p.name = 'train_loss' order by step", Integer.class, UUID.fromString(id)))
                .as("every epoch once").containsExactly(0, 1, 2);
        assertThat(transitions(id)).containsExactly("QUEUED", "RUNNING", "QUEUED", "RUNNING", "SUCCEEDED");
    }

    @Test
    void aFindingRaisedBeforeAHandBackIsKeptOnceWithItsFirstTimeWhenTheResumedRunRaisesItAgain() {
        String id = jobs.submit(owner, json.readValue("""
                {"dataset": {"id": "builtin:iris"},
                 "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh", "init": "zeros"}]},
                 "training": {"epochs": 6, "optimizer": {"type": "sgd", "learningRate": 0.1}}}
                """, JobSpec.class), null).id();
        ManualWorker worker = ManualWorker.of(context);
        assertThat(worker.claim()).contains(id);
        worker.handBack().run();
        assertThatJob(jdbc, id).hasStatus(QUEUED).hasEpochs(1);
        String raised = "select f.raised_at from job_finding f join job j on j.id = f.job_id where j.public_id = ? "
                + "and f.finding_key = 'symmetric_initialization:layer0' and f.active";
        Awaitility.await("the diagnosis after the hand-back").atMost(Duration.ofSeconds(20))
                .until(() -> !jdbc.queryForList(raised, java.sql.Timestamp.class, UUID.fromString(id)).isEmpty());
        java.sql.Timestamp first = jdbc.queryForObject(raised, java.sql.Timestamp.class, UUID.fromString(id));

        assertThat(worker.runNext()).contains(id);
        assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasEpochs(6).hasAttempts(2);
        Awaitility.await("the diagnosis after the end").atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from job_diagnosis d join job j on j.id = d.job_id where j.public_id = ? "
                + "and d.diagnosed_at >= j.finished_at", Integer.class, UUID.fromString(id)) == 1);
        assertThat(jdbc.queryForList("select f.finding_key from job_finding f join job j on j.id = f.job_id where "
                + "j.public_id = ? group by f.finding_key having count(*) > 1", String.class, UUID.fromString(id)))
                .as("one row per rule and layers").isEmpty();
        assertThat(jdbc.queryForObject(raised, java.sql.Timestamp.class, UUID.fromString(id)))
                .as("still active, first raised before the hand-back").isEqualTo(first);
    }

    @Test
    void aHungRunWhoseJobWasTakenBackLearnsItAtItsNextHeartbeatAndWritesNothing() {
        String id = submit();
        ManualWorker hung = ManualWorker.of(context);
        assertThat(hung.claim()).contains(id);
        TestQueue.expireLease(jdbc, id);

        ManualWorker.of(context).heartbeat(); // another slot's heartbeat takes back the expired job
        assertThatJob(jdbc, id).hasStatus(QUEUED).hasAttempts(1);
        hung.heartbeat(); // too late: the lease is gone, and the run is told so
        hung.run();
        assertThatJob(jdbc, id).as("the stale run wrote nothing").hasStatus(QUEUED).hasEpochs(0);

        TestQueue.endBackoff(jdbc, id);
        assertThat(ManualWorker.of(context).runNext()).contains(id);
        assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasAttempts(2).hasEpochs(3);
    }

    @Test
    void aLateHeartbeatRenewsAnExpiredLeaseNoOneTookBack() {
        String id = submit();
        ManualWorker slow = ManualWorker.of(context);
        assertThat(slow.claim()).contains(id);
        TestQueue.expireLease(jdbc, id);

        slow.heartbeat();
        assertThat(queue.requeueExpired(3, Duration.ZERO)).as("renewed before anyone took it back").isZero();
        slow.run();
        assertThatJob(jdbc, id).hasStatus(SUCCEEDED).hasAttempts(1).hasEpochs(3);
    }

    @Autowired
    JobMetrics metrics;

    private List<int[]> rollupBlocks(long jobId) {
        return jdbc.query("select block, points, lo_step, hi_step from metric_rollup where job_id = ? and name = 'loss' "
                + "order by block", (rs, row) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)}, jobId);
    }

    /** A wave whose lowest and highest step in each block of 64 are easy to tell: the wave has period 100. */
    private static double wave(int step) {
        return Math.sin(2 * Math.PI * step / 100.0);
    }

    @Test
    void rollupsFollowTheHistoryAcrossBatchesAndResumes() {
        String id = submit();
        ClaimedJob first = claim("a");
        List<EpochPoints> epochs = IntStream.range(0, 150).mapToObj(e -> new EpochPoints(e, Map.of("loss", wave(e))))
                .toList();
        queue.recordEpochs(first.lease(), epochs.subList(0, 70));
        queue.checkpoint(first.lease(), epochs.subList(70, 100), 99, new byte[] {1});
        queue.recordEpochs(first.lease(), epochs.subList(100, 150));
        // blocks 0..63, 64..127, 128..149: the wave peaks at 25 and 125, bottoms at 75 (and 175, beyond the end)
        assertThat(rollupBlocks(first.lease().jobId())).containsExactly(new int[] {0, 64, 63, 25},
                new int[] {1, 64, 75, 125}, new int[] {2, 22, 149, 128});

        TestQueue.expireLease(jdbc, id);
        assertThat(queue.requeueExpired(3, Duration.ZERO)).isEqualTo(1);
        ClaimedJob second = claim("b");
        assertThat(rollupBlocks(second.lease().jobId())).as("cut after the checkpoint at epoch 99")
                .containsExactly(new int[] {0, 64, 63, 25}, new int[] {1, 36, 75, 99});
        queue.recordEpochs(second.lease(), epochs.subList(100, 150));
        assertThat(rollupBlocks(second.lease().jobId())).containsExactly(new int[] {0, 64, 63, 25},
                new int[] {1, 64, 75, 125}, new int[] {2, 22, 149, 128});

        assertThat(metrics.summaries(second.lease().jobId())).containsExactly(
                new JobMetrics.Summary("loss", 150, 149, wave(149), wave(75), 75, wave(25), 25));
        assertThat(metrics.argmin(second.lease().jobId(), "loss")).isEqualTo(75);
        assertThat(metrics.at(second.lease().jobId(), 125)).containsExactly(Map.entry("loss", wave(125)));
    }

    @Test
    void aLongHistoryIsDownSampledFromItsRollupsWithItsExtremes() {
        submit();
        ClaimedJob job = claim("w");
        int epochs = 40_000;
        for (int from = 0; from < epochs; from += 5_000) {
            int start = from;
            queue.recordEpochs(job.lease(), IntStream.range(start, start + 5_000).mapToObj(e -> new EpochPoints(e,
                    Map.of("loss", e == 31_234 ? -3.0 : e == 777 ? 4.0 : wave(e)))).toList());
        }
        JobMetrics.Points sampled = metrics.downsampled(job.lease().jobId(), "loss", 500);
        assertThat(sampled.size()).isBetween(400, 500);
        assertThat(sampled.steps()).isSorted().doesNotHaveDuplicates().contains(31_234, 777);
        assertThat(Arrays.stream(sampled.values()).min().orElseThrow()).isEqualTo(-3.0);
        assertThat(Arrays.stream(sampled.values()).max().orElseThrow()).isEqualTo(4.0);
    }

    @Autowired
    JobSubmissions submissions;

    @Test
    void aPrunedTrialStopsLikeACancelAndEndsPrunedWithItsReason() {
        String id = submit();
        assertThat(submissions.prune(id, "not now")).as("a queued job is not pruned").isFalse();
        ClaimedJob job = claim("w");
        assertThat(submissions.prune(id, "pruned by its sweep: worse than the median")).isTrue();
        StopRequest prune = StopRequest.prune("pruned by its sweep: worse than the median");
        assertThat(queue.heartbeat(List.of(job.lease()), LEASE)).containsEntry(job.lease(), Optional.of(prune));
        queue.stopped(job.lease(), List.of(epoch(0, 1.0)), prune);
        assertThat(status(id)).isEqualTo("PRUNED");
        assertThat(jdbc.queryForObject("select reason from job_transition t join job j on j.id = t.job_id where "
                + "j.public_id = ? order by t.id desc fetch first 1 rows only", String.class, UUID.fromString(id)))
                .contains("worse than the median");
        assertThat(submissions.history(id, "train_loss").values()).containsExactly(1.0);
    }

    @Test
    void aJobWhoseStoredSpecThisServerCannotReadFailsAtItsClaim() {
        String id = submit();
        jdbc.update("update job set effective_spec = '{\"model\": 1}' where public_id = ?", UUID.fromString(id));
        assertThat(queue.claim("w", "n", LEASE)).isEmpty();
        assertThat(jdbc.queryForMap("select status, failure_code, attempt, finished_at is not null as ended from job "
                + "where public_id = ?", UUID.fromString(id))).containsEntry("STATUS", "FAILED")
                .containsEntry("FAILURE_CODE", "INTERNAL").containsEntry("ATTEMPT", 1).containsEntry("ENDED", true);
        assertThat(jdbc.queryForList("select from_status || '->' || to_status from job_transition t join job j on "
                + "j.id = t.job_id where j.public_id = ? and from_status is not null", String.class, UUID.fromString(id)))
                .containsExactly("QUEUED->FAILED");
    }

    @Test
    void theFirstStopRequestStandsAndOutlivesAHandBack() {
        String id = submit();
        ClaimedJob job = claim("w");
        StopRequest prune = StopRequest.prune("pruned by its sweep: too slow");
        assertThat(submissions.prune(id, prune.reason())).isTrue();
        jobs.cancel(owner, id);
        assertThat(submissions.prune(id, "again")).isFalse();
        assertThat(queue.heartbeat(List.of(job.lease()), LEASE)).containsEntry(job.lease(), Optional.of(prune));

        queue.stopped(job.lease(), List.of(), StopRequest.handBack()); // its node drained before it heard of the prune
        assertThat(status(id)).isEqualTo("QUEUED");
        ClaimedJob next = claim("w2");
        assertThat(queue.heartbeat(List.of(next.lease()), LEASE)).containsEntry(next.lease(), Optional.of(prune));
        assertThatThrownBy(() -> queue.stopped(next.lease(), List.of(), StopRequest.leaseLost()))
                .isInstanceOf(IllegalArgumentException.class);
        queue.stopped(next.lease(), List.of(), prune);
        assertThat(jdbc.queryForMap("select status, stop_request from job where public_id = ?", UUID.fromString(id)))
                .containsEntry("STATUS", "PRUNED").containsEntry("STOP_REQUEST", null);
        assertThat(jdbc.queryForList("select reason from job_transition t join job j on j.id = t.job_id where "
                + "j.public_id = ? order by t.id", String.class, UUID.fromString(id))).containsExactly("submitted", null,
                "handed back: its node shut down", null, prune.reason());
    }

    @Test
    void aDefaultChangedInALaterReleaseChangesNoQueuedOrResumedJob() {
        String id = submit();
        String effective = jdbc.queryForObject("select effective_spec from job where public_id = ?", String.class,
                UUID.fromString(id));
        Map<String, Object> params = new java.util.HashMap<>();
        jdbc.query("select p.name, p.num_value, p.text_value from job_param p join job j on j.id = p.job_id where "
                + "j.public_id = ?", rs -> {
                    params.put(rs.getString(1), rs.getObject(2) != null ? rs.getDouble(2) : rs.getString(3));
                }, UUID.fromString(id));
        assertThat(params).as("job_param holds the effective spec").isEqualTo(CanonicalSpec.flatten(effective))
                .containsEntry("training.optimizer.learningRate", 0.001).containsEntry("training.batch.size", 32.0);

        // The job as a release whose defaults were Adam at 0.05 and batches of 16 queued it: its spec as sent is the
        // same, only what was filled in differs. This release's defaults must not reach it, now or when it resumes.
        String earlier = effective.replace("\"learningRate\":0.001", "\"learningRate\":0.05")
                .replace("\"size\":32", "\"size\":16");
        assertThat(earlier).isNotEqualTo(effective);
        jdbc.update("update job set effective_spec = ? where public_id = ?", earlier, UUID.fromString(id));

        ClaimedJob first = claim("w");
        assertThat(first.training().optimizer()).isEqualTo(new dev.trainyard.engine.spec.OptimizerSpec.Adam(0.05, 0.9,
                0.999, 1e-8));
        assertThat(first.training().batch()).isEqualTo(dev.trainyard.engine.spec.Batch.of(16));
        queue.checkpoint(first.lease(), List.of(epoch(0, 1.0)), 0, new byte[] {1});
        queue.stopped(first.lease(), List.of(), StopRequest.handBack());
        ClaimedJob resumed = claim("w2");
        assertThat(resumed.firstEpoch()).isEqualTo(1);
        assertThat(resumed.training()).isEqualTo(first.training());
        assertThat(resumed.model()).isEqualTo(first.model());
        assertThat(resumed.split()).isEqualTo(first.split());
    }
}

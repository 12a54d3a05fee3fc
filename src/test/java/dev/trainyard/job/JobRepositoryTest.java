package dev.trainyard.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.ActiveProfiles;

import dev.trainyard.support.MutableClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job repository's derived queries on the migrated schema of an in-memory H2 database, with no web layer, queue or
 * worker: a job is found only by its owner, an idempotency key is one job per owner, and a sweep's trials list by
 * index, one job per index.
 */
@DataJpaTest
@ActiveProfiles("test")
class JobRepositoryTest {

    @Autowired
    JobRepository jobs;

    private static final JobSpec SPEC = JsonMapper.builder().build().readValue("""
            {"name": "a job", "dataset": {"id": "builtin:iris"}, "model": {"layers": []}, "training": {"epochs": 3}}
            """, JobSpec.class);
    private static final JobPlan PLAN = JobSpecMapper.map(SPEC, JobLimits.UNBOUNDED).value();

    private final MutableClock clock = MutableClock.fixed();

    private TrainingJob save(String owner, String idempotencyKey, String sweep, Integer trial) {
        TrainingJob job = jobs.saveAndFlush(new TrainingJob(owner, PLAN, PlannedJob.of(SPEC, PLAN), idempotencyKey,
                sweep, trial, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        return job;
    }

    @Test
    void aJobIsFoundByItsIdOnlyForItsOwner() {
        TrainingJob job = save("alice", null, null, null);

        assertThat(jobs.findByPublicIdAndOwner(job.publicId(), "alice")).map(TrainingJob::status).contains(JobStatus.QUEUED);
        assertThat(jobs.findByPublicIdAndOwner(job.publicId(), "bob")).isEmpty();
        assertThat(jobs.findByPublicIdAndOwner(UUID.randomUUID(), "alice")).isEmpty();
    }

    @Test
    void anIdempotencyKeyNamesOneJobPerOwner() {
        TrainingJob alices = save("alice", "retry-1", null, null);
        save("bob", "retry-1", null, null);

        assertThat(jobs.findByOwnerAndIdempotencyKey("alice", "retry-1")).map(TrainingJob::publicId)
                .contains(alices.publicId());
        assertThat(jobs.findByOwnerAndIdempotencyKey("alice", "retry-2")).isEmpty();
        assertThatThrownBy(() -> save("alice", "retry-1", null, null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aSweepsTrialsListByIndexWithOneJobPerIndex() {
        String sweep = UUID.randomUUID().toString();
        save("alice", null, sweep, 2);
        save("alice", null, sweep, 0);
        save("alice", null, sweep, 1);
        save("alice", null, UUID.randomUUID().toString(), 0);

        assertThat(jobs.findBySweepRefOrderByTrialIndex(sweep)).map(TrainingJob::trialIndex).containsExactly(0, 1, 2);
        assertThat(jobs.existsBySweepRefAndTrialIndex(sweep, 1)).isTrue();
        assertThat(jobs.existsBySweepRefAndTrialIndex(sweep, 3)).isFalse();
        assertThatThrownBy(() -> save("alice", null, sweep, 1)).isInstanceOf(DataIntegrityViolationException.class);
    }
}

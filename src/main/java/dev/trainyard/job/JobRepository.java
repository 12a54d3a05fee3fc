package dev.trainyard.job;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface JobRepository extends JpaRepository<TrainingJob, Long> {

    Optional<TrainingJob> findByPublicIdAndOwner(UUID publicId, String owner);

    Optional<TrainingJob> findByOwnerAndIdempotencyKey(String owner, String idempotencyKey);

    boolean existsBySweepRefAndTrialIndex(String sweepRef, Integer trialIndex);

    List<TrainingJob> findBySweepRefOrderByTrialIndex(String sweepRef);
}

package dev.trainyard.job;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface JobRepository extends JpaRepository<TrainingJob, Long> {

    Optional<TrainingJob> findByPublicIdAndOwner(UUID publicId, String owner);

    Optional<TrainingJob> findByOwnerAndIdempotencyKey(String owner, String idempotencyKey);

    /** Newest first, after a keyset cursor (the integer key of the last job of the previous page). */
    List<TrainingJob> findByOwnerAndIdLessThanOrderByIdDesc(String owner, long before, Limit limit);

    List<TrainingJob> findByOwnerAndStatusAndIdLessThanOrderByIdDesc(String owner, JobStatus status, long before,
            Limit limit);
}

package dev.trainyard.dataset;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface DatasetRepository extends JpaRepository<Dataset, Long> {

    Optional<Dataset> findByPublicIdAndOwner(UUID publicId, String owner);

    Optional<Dataset> findByOwnerAndChecksum(String owner, String checksum);

    List<Dataset> findAllByOwnerOrderByCreatedAtAscIdAsc(String owner);
}

package dev.trainyard.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    Optional<ApiKey> findBySecretHash(String secretHash);

    Optional<ApiKey> findByPublicId(UUID publicId);

    List<ApiKey> findAllByOrderByCreatedAtAscIdAsc();

    long countByRoleAndRevokedAtIsNull(Role role);
}

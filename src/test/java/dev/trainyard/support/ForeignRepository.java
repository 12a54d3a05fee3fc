package dev.trainyard.support;

import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/** A repository of another package, for {@code ArchitectureTest} to catch a feature reaching into it. */
@NoRepositoryBean
public interface ForeignRepository extends Repository<Object, Long> {
}

package dev.trainyard.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code trainyard_jobs{status=...}}: jobs by status across all nodes (the queue depth is status="queued"), counted in
 * the database at most once per {@link #FRESH} however often metrics are scraped.
 */
@Component
class JobGauges implements MeterBinder {

    static final Duration FRESH = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    private Instant countedAt;

    JobGauges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("trainyard.jobs", this, gauges -> gauges.count(status))
                    .description("Jobs by status, across all nodes").tag("status", status.name().toLowerCase())
                    .register(registry);
        }
    }

    private synchronized double count(JobStatus status) {
        Instant now = clock.instant();
        if (countedAt == null || Duration.between(countedAt, now).compareTo(FRESH) > 0) {
            Map<JobStatus, Long> fresh = new EnumMap<>(JobStatus.class);
            jdbc.query("select status, count(*) from job group by status",
                    rs -> {
                        fresh.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    });
            counts = fresh;
            countedAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }
}

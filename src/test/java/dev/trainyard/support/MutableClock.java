package dev.trainyard.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand. {@link #fixed} stands still until {@link #advance advanced} or {@link #set}; {@link
 * #following} runs with the system clock plus whatever the test advanced it by, so a whole service can run on it (its
 * streams, leases and caches see time pass as usual) while a test jumps it forward past a deadline instead of sleeping.
 * It never goes back: {@link #set} to an earlier instant is refused, as code measuring elapsed time assumes.
 */
public final class MutableClock extends Clock {

    /** Where a fixed clock starts unless told otherwise. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Clock base;
    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    private MutableClock(Clock base, AtomicReference<Duration> offset, ZoneId zone) {
        this.base = base;
        this.offset = offset;
        this.zone = zone;
    }

    /** A clock that stands at {@link #START} until the test moves it. */
    public static MutableClock fixed() {
        return fixed(START);
    }

    /** A clock that stands at {@code at} until the test moves it. */
    public static MutableClock fixed(Instant at) {
        return new MutableClock(Clock.fixed(at, ZoneOffset.UTC), new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    /** A clock that runs with the system's, ahead of it by what the test advanced it. */
    public static MutableClock following() {
        return new MutableClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    /** Moves the clock forward by {@code step}. */
    public MutableClock advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock measuring elapsed time never goes back; was asked " + step);
        }
        offset.accumulateAndGet(step, Duration::plus);
        return this;
    }

    /** Moves the clock forward to {@code at}. */
    public MutableClock set(Instant at) {
        return advance(Duration.between(instant(), at));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock (moved together) seen in {@code other}. */
    @Override
    public Clock withZone(ZoneId other) {
        return Objects.equals(zone, other) ? this : new MutableClock(base.withZone(other), offset, other);
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + "]";
    }
}

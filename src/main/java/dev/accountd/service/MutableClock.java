package dev.accountd.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that follows the system clock plus an offset that tests (and clock control) can move forward. */
public final class MutableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public MutableClock(Clock base) { this.base = base; }

    public static MutableClock system() { return new MutableClock(Clock.systemUTC()); }

    public void advance(Duration by) {
        if (by.isNegative()) throw new IllegalArgumentException("the clock only moves forward");
        offset.updateAndGet(o -> o.plus(by));
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException("accountd runs in UTC"); }

    @Override public Instant instant() { return base.instant().plus(offset.get()); }
}

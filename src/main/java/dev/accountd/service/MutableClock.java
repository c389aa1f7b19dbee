package dev.accountd.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * accountd's one clock, which every time-based rule reads (rental days, the purge of closed subaccounts, event
 * retention). It follows the system clock plus an offset that tests can move forward, or, in manual mode, stands
 * at an instant that only moves when told to ({@code POST /_accountd/v1/Clock}), the same on every node of a store.
 */
public final class MutableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    /** The manual clock's instant; null while the clock follows the system clock. */
    private final AtomicReference<Instant> manual = new AtomicReference<>();

    public MutableClock(Clock base) { this.base = base; }

    public static MutableClock system() { return new MutableClock(Clock.systemUTC()); }

    /** Moves the clock forward by {@code by}; in manual mode, in this process only (the store's instant is ClockService's). */
    public void advance(Duration by) {
        if (by.isNegative()) throw new IllegalArgumentException("the clock only moves forward");
        if (manual.get() != null) {
            manual.updateAndGet(now -> now.plus(by));
        } else {
            offset.updateAndGet(o -> o.plus(by));
        }
    }

    /** Switches to (or moves) the manual clock: it stands at {@code now} from here on, never going back. */
    public void standAt(Instant now) {
        manual.accumulateAndGet(now, (current, wanted) -> current == null || wanted.isAfter(current) ? wanted : current);
    }

    public boolean isManual() { return manual.get() != null; }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException("accountd runs in UTC"); }

    @Override
    public Instant instant() {
        Instant m = manual.get();
        return m != null ? m : base.instant().plus(offset.get());
    }
}

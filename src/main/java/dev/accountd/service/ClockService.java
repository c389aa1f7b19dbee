package dev.accountd.service;

import dev.accountd.domain.Event;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.Audit;
import dev.accountd.store.ClockStore;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The clock that tests can move ({@code /_accountd/v1/Clock}). With {@code --clock manual} the clock stands still
 * and moves only when told to, never backwards; the store keeps where it stands, so every node of a database
 * agrees and a restart resumes there. With the system clock there is nothing to read or move: 404.
 *
 * <p>After every move the time-driven work (rental days, purges) catches up, in order, before the move is answered.
 */
public final class ClockService {
    private final MutableClock clock;
    private final Optional<ClockStore> manual;
    private final Auditor auditor;
    private final Runnable afterMove;

    /** Where the clock stands and how it runs. */
    public record State(Instant now, String mode) {}

    private ClockService(MutableClock clock, Optional<ClockStore> manual, Auditor auditor, Runnable afterMove) {
        this.clock = clock;
        this.manual = manual;
        this.auditor = auditor;
        this.afterMove = afterMove;
    }

    /** The system clock: the API has no clock to show. */
    public static ClockService system(MutableClock clock) {
        return new ClockService(clock, Optional.empty(), null, () -> { });
    }

    /**
     * The manual clock: it stands where the store says, or, on a store that never had one, at the system's time now.
     *
     * @param afterMove runs after each move: the scheduler's catch-up, which the move waits for
     */
    public static ClockService manual(MutableClock clock, ClockStore store, Auditor auditor, Runnable afterMove) {
        // whole seconds, as the API shows them, so that every instant it reports is one the clock stood at
        clock.standAt(store.startManual(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        return new ClockService(clock, Optional.of(store), auditor, afterMove);
    }

    public State read(Caller caller) {
        requireMain(caller);
        manualStore();
        return state();
    }

    /** Moves the manual clock forward by a calendar period and a duration (UTC months have their own lengths). */
    public State advance(Caller caller, Period period, Duration duration) {
        requireMain(caller);
        manualStore();
        if (period.isNegative() || duration.isNegative() || (period.isZero() && duration.isZero())) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Advance must be a positive duration such as P1D, PT90S or P3M");
        }
        if (duration.getNano() != 0) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Advance moves the clock by whole seconds");
        }
        Instant now = clock.instant();
        return moveTo(caller, now.atZone(ZoneOffset.UTC).plus(period).toInstant().plus(duration));
    }

    /** Sets the manual clock to an instant at or after where it stands. */
    public State setNow(Caller caller, Instant to) {
        requireMain(caller);
        manualStore();
        Instant now = clock.instant();
        if (to.getNano() != 0) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Now is an instant in whole seconds");
        if (to.isBefore(now)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Now " + to + " is before the clock's " + now + ": the clock never goes back");
        }
        return moveTo(caller, to);
    }

    /** Reads the clock again (another node or process moved it). */
    public void reload() {
        manual.flatMap(ClockStore::manualNow).ifPresent(clock::standAt);
    }

    private State moveTo(Caller caller, Instant to) {
        Instant stands = manualStore().moveManual(to, moved(caller));
        clock.standAt(stands);
        afterMove.run();
        return state();
    }

    private Audit<Instant> moved(Caller caller) {
        return (before, after) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("previous", before.toString());
            data.put("updated", after.toString());
            Event e = auditor.event(caller, "clock.advanced", "clock", caller.mainSid(), caller.mainSid(), caller.mainSid(),
                    Map.of("now", data));
            return Optional.of(e);
        };
    }

    private State state() { return new State(clock.instant(), "manual"); }

    private ClockStore manualStore() {
        return manual.orElseThrow(TwilioException::notFound); // the system clock has no resource to show or move
    }

    private static void requireMain(Caller caller) {
        if (!caller.isMain()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Only a main account's credentials may read or move the clock");
    }
}

package dev.accountd.store;

import java.time.Instant;
import java.util.Optional;

/** Persistence of the manual clock's instant, which every node of a store shares. */
public interface ClockStore {

    /** The manual clock's instant, creating it at {@code start} when the store has none yet. */
    Instant startManual(Instant start);

    /** The manual clock's instant; empty when the store has none. */
    Optional<Instant> manualNow();

    /**
     * Moves the manual clock to {@code to} unless that is before where it stands (another node may have moved it
     * meanwhile), recording the move's event in the same transaction; returns where it stands afterwards.
     *
     * @param audit the event of the move, from the instant before and after
     */
    Instant moveManual(Instant to, Audit<Instant> audit);
}

package dev.accountd.store;

import dev.accountd.domain.Callback;
import java.time.Instant;
import java.util.List;

/**
 * Webhook deliveries owed, written with the change they report (see {@link MessageStore#advance}) and made by the
 * delivery worker at least once: a delivery is leased before it is made, so that of several workers (nodes) one
 * makes it, and a worker that dies leaves it to another when the lease ends.
 */
public interface OutboxStore {

    /** A delivery leased to the caller. */
    record Leased(long id, Callback callback, int attempts) {}

    /** Leases up to {@code limit} deliveries due by {@code now} until {@code leaseUntil}, the oldest due first. */
    List<Leased> lease(Instant now, Instant leaseUntil, int limit);

    /** The deliveries were made: they are removed. */
    void delivered(List<Long> ids);

    /** The delivery failed: it is tried again at {@code next}, or never when {@code next} is null (given up). */
    void failed(long id, int attempts, Instant next, String error);

    /** How many deliveries wait (given up ones not counted). */
    long depth();
}

package dev.accountd.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accountd.domain.Balance;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Balances as Balance.json reads them, kept until a change to the row commits: on this node the committing
 * transaction forgets it right after its commit, other nodes when the change feed tells them (PostgreSQL), and any
 * copy is at most {@link #TTL} old, which bounds what a missed notice or another process's write on SQLite (the
 * CLI's recharge) can leave stale. Decisions about money never read it: they hold the row.
 */
final class BalanceCache {
    static final Duration TTL = Duration.ofSeconds(1);

    private final Cache<String, Balance> cached = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL).build();
    /** Counts forgettings, so that a copy read before one is never kept after it. */
    private final AtomicLong forgotten = new AtomicLong();

    Optional<Balance> get(String mainSid, Supplier<Optional<Balance>> read) {
        Balance hit = cached.getIfPresent(mainSid);
        if (hit != null) return Optional.of(hit);
        long before = forgotten.get();
        Optional<Balance> loaded = read.get();
        if (loaded.isPresent()) {
            cached.put(mainSid, loaded.get());
            // a change committed while we read may have been forgotten before our put: then drop what we put
            if (forgotten.get() != before) cached.invalidate(mainSid);
        }
        return loaded;
    }

    void forget(String mainSid) {
        forgotten.incrementAndGet();
        cached.invalidate(mainSid);
    }

    void forgetAll() {
        forgotten.incrementAndGet();
        cached.invalidateAll();
    }
}

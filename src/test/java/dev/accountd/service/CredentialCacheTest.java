package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AccountType;
import dev.accountd.domain.AuthToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the cache of verified credentials and account rows keeps, and for how long. */
class CredentialCacheTest {
    final AtomicLong nanos = new AtomicLong();
    final CredentialCache cache = new CredentialCache(CredentialCache.TTL, nanos::get);
    final Caller caller = Caller.withAuthToken("AC1", "AC1");

    static Account account(String sid, String name) {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        return new Account(sid, sid, name, AccountStatus.ACTIVE, AccountStatus.ACTIVE, AccountType.FULL, new AuthToken("token-of-" + sid),
                t, Optional.empty(), Optional.empty(), t, t, Optional.empty());
    }

    void elapse(Duration d) { nanos.addAndGet(d.toNanos()); }

    @Test
    void entriesAreServedUntilTheirTtl_thenReadAgain() {
        cache.put("AC1", "secret", caller, cache.generation());
        cache.putAccount(account("AC1", "a"), cache.generation());
        elapse(CredentialCache.TTL.minusMillis(1));
        assertEquals(Optional.of(caller), cache.lookup("AC1", "secret"));
        assertTrue(cache.account("AC1").isPresent());
        elapse(Duration.ofMillis(2));
        assertEquals(Optional.empty(), cache.lookup("AC1", "secret"), "a change whose notice never came is seen after the TTL");
        assertEquals(Optional.empty(), cache.account("AC1"));
    }

    @Test
    void aWrongSecret_isNotAHit() {
        cache.put("AC1", "secret", caller, cache.generation());
        assertEquals(Optional.empty(), cache.lookup("AC1", "other"));
    }

    @Test
    void invalidatingASid_dropsItsCredentialsAndItsRow_andNothingElse() {
        cache.put("AC1", "secret", caller, cache.generation());
        cache.putAccount(account("AC1", "a"), cache.generation());
        cache.putAccount(account("AC2", "b"), cache.generation());
        cache.invalidate("AC1");
        assertEquals(Optional.empty(), cache.lookup("AC1", "secret"));
        assertEquals(Optional.empty(), cache.account("AC1"));
        assertTrue(cache.account("AC2").isPresent());
        cache.invalidateAll();
        assertEquals(Optional.empty(), cache.account("AC2"));
    }

    @Test
    void underRacingReadsAndInvalidations_noStaleRowOutlivesTheInvalidationThatFollowedIt() throws Exception {
        // Writers change "the" account (version n) and invalidate; readers read the version, then put what they
        // read, as a request does on a miss. Whatever is cached after an invalidation must be at least that new.
        java.util.concurrent.atomic.AtomicInteger version = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger stale = new java.util.concurrent.atomic.AtomicInteger();
        Runnable reader = () -> {
            while (!stop.get()) {
                if (cache.account("AC1").isEmpty()) {
                    long readAt = cache.generation();
                    cache.putAccount(account("AC1", "v" + version.get()), readAt);
                }
            }
        };
        Thread[] readers = {new Thread(reader), new Thread(reader), new Thread(reader)};
        for (Thread t : readers) t.start();
        for (int n = 1; n <= 20_000; n++) {
            version.set(n);          // the change commits...
            cache.invalidate("AC1"); // ...then its invalidation runs
            for (int look = 0; look < 20; look++) {
                Optional<Account> cached = cache.account("AC1");
                if (cached.isPresent() && Integer.parseInt(cached.get().friendlyName().substring(1)) < n) stale.incrementAndGet();
            }
        }
        stop.set(true);
        for (Thread t : readers) t.join();
        assertEquals(0, stale.get(), "rows older than the last invalidation seen in the cache");
    }

    @Test
    void aRowReadBeforeAnInvalidation_isNotKept() {
        long readAt = cache.generation();   // a request reads the store...
        cache.invalidate("AC9");            // ...a change to any account commits meanwhile...
        cache.putAccount(account("AC1", "stale"), readAt);
        cache.put("AC1", "secret", caller, readAt);
        assertEquals(Optional.empty(), cache.account("AC1"), "...so what it read may be stale and is dropped");
        assertEquals(Optional.empty(), cache.lookup("AC1", "secret"));
    }
}

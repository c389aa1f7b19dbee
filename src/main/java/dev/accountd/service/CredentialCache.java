package dev.accountd.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.accountd.domain.Account;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What an authenticated request reads on every call, kept in memory so that it needs no store lookup: the account
 * rows it reaches (auth tokens are checked against them) and the API keys verified recently (as SHA-256 digests
 * of their secrets, which are never held).
 *
 * <p>Every change to a credential, a status or an account invalidates the entries it affects before the change is
 * answered, on this node through its services and on the others through the store's change feed; an entry
 * computed from a read that raced with an invalidation is dropped. Entries also expire {@link #TTL} after they
 * were read, so that even a change whose notice never arrived (a listener that died unnoticed) is seen within
 * that bound. Both maps are bounded in size and evict entries one by one.
 */
public final class CredentialCache {
    /** The longest a cached entry is used: the worst-case staleness when a node hears of no change at all. */
    public static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(List<byte[]> secretDigests, Caller caller) {}

    private final Cache<String, Entry> credentials;
    private final Cache<String, Account> accounts;
    private final AtomicLong generation = new AtomicLong();
    /**
     * Orders puts against invalidations (reads never wait for it). An invalidation removes its entries and then
     * moves the generation on, under the write lock; a put happens under the read lock and only if the generation
     * is the one read before the store was. So an entry read before a change can never be put back after the
     * change's invalidation, not even for an instant in which another request could read it and cache a credential
     * from it.
     */
    private final ReentrantReadWriteLock order = new ReentrantReadWriteLock();

    public CredentialCache() { this(TTL, Ticker.systemTicker()); }

    /** @param ticker the time source of expiry (tests move their own) */
    public CredentialCache(Duration ttl, Ticker ticker) {
        this.credentials = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).ticker(ticker).recordStats().build();
        this.accounts = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).ticker(ticker).build();
    }

    /** The generation to pass to {@link #put} and {@link #putAccount}: read it before reading the store. */
    public long generation() { return generation.get(); }

    /** How many credential lookups the cache answered, and how many it did not (/metrics). */
    public long hits() { return credentials.stats().hitCount(); }

    public long misses() { return credentials.stats().missCount(); }

    public Optional<Caller> lookup(String username, String password) {
        Entry e = credentials.getIfPresent(username);
        if (e == null) return Optional.empty();
        byte[] presented = digest(password);
        boolean match = false;
        for (byte[] d : e.secretDigests()) match |= MessageDigest.isEqual(d, presented);
        return match ? Optional.of(e.caller()) : Optional.empty();
    }

    public void put(String username, String secret, Caller caller, long readAtGeneration) {
        byte[] digest = digest(secret);
        whileCurrent(readAtGeneration, () -> credentials.asMap().compute(username, (k, old) -> {
            List<byte[]> digests = new ArrayList<>(2);
            if (old != null && old.caller().equals(caller)) digests.addAll(old.secretDigests());
            if (digests.stream().noneMatch(d -> MessageDigest.isEqual(d, digest))) digests.add(digest);
            return new Entry(List.copyOf(digests), caller);
        }));
    }

    public Optional<Account> account(String sid) { return Optional.ofNullable(accounts.getIfPresent(sid)); }

    public void putAccount(Account account, long readAtGeneration) {
        whileCurrent(readAtGeneration, () -> accounts.put(account.sid(), account));
    }

    private void whileCurrent(long readAtGeneration, Runnable put) {
        order.readLock().lock();
        try {
            if (generation.get() == readAtGeneration) put.run();
        } finally {
            order.readLock().unlock();
        }
    }

    /** Drops what is cached about one SID: an account (its credentials and its row) or a key. */
    public void invalidate(String sid) {
        invalidating(() -> {
            credentials.invalidate(sid);
            accounts.invalidate(sid);
        });
    }

    public void invalidateAll() {
        invalidating(() -> {
            credentials.invalidateAll();
            accounts.invalidateAll();
        });
    }

    private void invalidating(Runnable removal) {
        order.writeLock().lock();
        try {
            removal.run();
            generation.incrementAndGet();
        } finally {
            order.writeLock().unlock();
        }
    }

    /** One SHA-256 per thread: looking the algorithm up costs more than hashing a token. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] digest(String secret) {
        return SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    }
}

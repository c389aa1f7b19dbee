package dev.accountd.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Credentials verified recently, so that an authenticated request needs no store lookup to authenticate.
 * Holds only a SHA-256 digest of each secret. Every change to a credential or a status invalidates entries
 * before the change is answered; an entry computed from a read that raced with an invalidation is dropped.
 */
public final class CredentialCache {
    private record Entry(byte[] secretDigest, Caller caller) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** The generation to pass to {@link #put}: read it before reading the store. */
    public long generation() { return generation.get(); }

    public Optional<Caller> lookup(String username, String password) {
        Entry e = entries.get(username);
        if (e == null) return Optional.empty();
        return MessageDigest.isEqual(e.secretDigest(), digest(password)) ? Optional.of(e.caller()) : Optional.empty();
    }

    public void put(String username, String secret, Caller caller, long readAtGeneration) {
        if (entries.size() > 100_000) entries.clear(); // bounded: a flood of distinct credentials cannot grow it forever
        entries.put(username, new Entry(digest(secret), caller));
        if (generation.get() != readAtGeneration) entries.remove(username);
    }

    public void invalidate(String username) {
        generation.incrementAndGet();
        entries.remove(username);
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

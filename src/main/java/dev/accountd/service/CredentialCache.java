package dev.accountd.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Credentials verified recently, so that an authenticated request needs no store lookup to authenticate.
 * Holds only SHA-256 digests of secrets (an account may have two valid tokens: primary and secondary). Every
 * change to a credential or a status invalidates entries before the change is answered; an entry computed from
 * a read that raced with an invalidation is dropped.
 */
public final class CredentialCache {
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(List<byte[]> secretDigests, Caller caller) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** The generation to pass to {@link #put}: read it before reading the store. */
    public long generation() { return generation.get(); }

    public Optional<Caller> lookup(String username, String password) {
        Entry e = entries.get(username);
        if (e == null) return Optional.empty();
        byte[] presented = digest(password);
        boolean match = false;
        for (byte[] d : e.secretDigests()) match |= MessageDigest.isEqual(d, presented);
        return match ? Optional.of(e.caller()) : Optional.empty();
    }

    public void put(String username, String secret, Caller caller, long readAtGeneration) {
        if (entries.size() > MAX_ENTRIES) entries.clear(); // bounded: a flood of distinct credentials cannot grow it forever
        byte[] digest = digest(secret);
        entries.compute(username, (k, old) -> {
            List<byte[]> digests = new ArrayList<>(2);
            if (old != null && old.caller().equals(caller)) digests.addAll(old.secretDigests());
            if (digests.stream().noneMatch(d -> MessageDigest.isEqual(d, digest))) digests.add(digest);
            return new Entry(List.copyOf(digests), caller);
        });
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

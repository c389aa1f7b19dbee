package dev.accountd.store;

import dev.accountd.domain.ConsoleSession;
import java.time.Instant;
import java.util.Optional;

/** Console sessions, found by the SHA-256 (hex) of their cookie; every node of a store shares them. */
public interface ConsoleSessionStore {
    void insert(String idHash, ConsoleSession session);

    Optional<ConsoleSession> find(String idHash);

    void touch(String idHash, Instant lastSeen);

    void actAs(String idHash, String actingSid);

    void delete(String idHash);

    /** Removes the sessions idle since before {@code cutoff}; returns how many. */
    int deleteIdleSince(Instant cutoff);
}

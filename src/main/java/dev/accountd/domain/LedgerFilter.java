package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The ledger entries a view selects; empty filters match everything.
 *
 * @param from the first instant included
 * @param before the first instant no longer included
 */
public record LedgerFilter(Optional<String> accountSid, Optional<String> category, Optional<Instant> from, Optional<Instant> before) {
    public static final LedgerFilter ALL = new LedgerFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}

package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/** An API key or signing key of an account. Its secret is never kept: only a keyed hash of it. */
public record ApiKey(String sid, String accountSid, KeyKind kind, Optional<String> friendlyName, Instant dateCreated, Instant dateUpdated) {}

package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The Calls list's filters: exact To, From, ParentCallSid and Status, and windows on start_time and end_time
 * ({@code …From} inclusive, {@code …Before} exclusive); a call without the time matches no window on it.
 */
public record CallFilter(Optional<String> to, Optional<String> from, Optional<String> parentCallSid, Optional<Call.Status> status,
                         Optional<Instant> startFrom, Optional<Instant> startBefore, Optional<Instant> endFrom, Optional<Instant> endBefore) {}

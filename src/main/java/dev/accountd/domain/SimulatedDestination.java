package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What a destination number does in a family's simulation (accountd's extension): how it answers calls, for how long
 * it talks, and what becomes of messages sent to it. A destination without one answers and delivers.
 */
public record SimulatedDestination(String mainSid, String phoneNumber, Call.Outcome callOutcome, Optional<Integer> callSeconds,
                                   Message.Status messageOutcome, Instant dateUpdated) {}

package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Which events to list: those of one account, or of a whole family, filtered as monitor v1 ListEvent allows.
 *
 * @param mainSid when present, every event of this family; otherwise those of {@code accountSid}
 */
public record EventQuery(
        String accountSid,
        Optional<String> mainSid,
        Optional<String> actorSid,
        Optional<String> eventType,
        Optional<String> resourceSid,
        Optional<String> sourceIpAddress,
        Optional<Instant> startDate,
        Optional<Instant> endDate) {}

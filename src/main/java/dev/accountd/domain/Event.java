package dev.accountd.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An audit event: who changed what, from where. Written in the same transaction as the change it records.
 *
 * @param accountSid the account the changed resource belongs to
 * @param mainSid the main account of that account's family, whose credentials may read it too
 * @param eventData for {@code *.updated} events, {@code {field: {previous, updated}}}; never a secret
 */
public record Event(
        String sid,
        String accountSid,
        String mainSid,
        Optional<String> actorSid,
        String actorType,
        Optional<String> description,
        Map<String, Object> eventData,
        Instant eventDate,
        String eventType,
        String resourceSid,
        String resourceType,
        String source,
        Optional<String> sourceIpAddress) {}

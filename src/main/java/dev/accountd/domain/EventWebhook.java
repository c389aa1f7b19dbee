package dev.accountd.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A main account's subscription to its family's Monitor events (accountd extension): each matching event is POSTed to
 * {@code url} as JSON, signed with the main account's primary auth token the way Twilio signs JSON webhooks.
 *
 * @param eventTypes the event types it receives ({@code account.updated}, …), or {@code *} alone for every one
 */
public record EventWebhook(String sid, String mainSid, String url, Set<String> eventTypes, Instant dateCreated) {
    public static final String SID_PREFIX = "WH";
    public static final String EVERY_EVENT = "*";
    public static final int MAX_PER_FAMILY = 100;

    public EventWebhook {
        eventTypes = Set.copyOf(eventTypes);
    }

    public boolean receives(String eventType) { return eventTypes.contains(EVERY_EVENT) || eventTypes.contains(eventType); }
}

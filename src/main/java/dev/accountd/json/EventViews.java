package dev.accountd.json;

import dev.accountd.domain.Event;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Monitor event's fields, as GET /v1/Events shows them and as event webhooks POST them. */
public final class EventViews {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private EventViews() {}

    /**
     * @param links the {@code links} object (the API's absolute URLs), or null to leave it out
     * @param url the event's own URL, or null to leave it out
     */
    public static Map<String, Object> view(Event e, Map<String, Object> links, String url) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", e.accountSid());
        v.put("actor_sid", e.actorSid().orElse(null));
        v.put("actor_type", e.actorType());
        v.put("description", e.description().orElse(null));
        v.put("event_data", e.eventData());
        v.put("event_date", ISO.format(e.eventDate()));
        v.put("event_type", e.eventType());
        if (links != null) v.put("links", links);
        v.put("resource_sid", e.resourceSid());
        v.put("resource_type", e.resourceType());
        v.put("sid", e.sid());
        v.put("source", e.source());
        v.put("source_ip_address", e.sourceIpAddress().orElse(null));
        if (url != null) v.put("url", url);
        return v;
    }
}

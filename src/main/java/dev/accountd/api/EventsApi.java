package dev.accountd.api;

import dev.accountd.domain.Event;
import dev.accountd.json.EventViews;
import dev.accountd.domain.Slice;
import dev.accountd.service.EventService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** monitor v1 Events: ListEvent and FetchEvent, the audit trail. */
public final class EventsApi {
    private final EventService events;
    private final boolean trustProxy;

    public EventsApi(EventService events, boolean trustProxy) {
        this.events = events;
        this.trustProxy = trustProxy;
    }

    void listEvent(Context ctx) {
        Form q = Requests.query(ctx);
        Optional<String> start = q.first("StartDate");
        Optional<String> end = q.first("EndDate");
        Optional<Instant> startDate = start.map(v -> Iso8601.parse("StartDate", v, false));
        Optional<Instant> endDate = end.map(v -> Iso8601.parse("EndDate", v, true));
        EventService.Filter filter = new EventService.Filter(q.first("ActorSid"), q.first("EventType"), q.first("ResourceSid"),
                q.first("SourceIpAddress"), startDate, endDate);
        Paging paging = Paging.from(q);
        Slice<Event> slice = events.list(Requests.caller(ctx), filter, paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        Map<String, String> owners = events.currentOwners(slice.items());
        List<Map<String, Object>> records = slice.items().stream().map(e -> view(e, base, owners)).toList();
        Responses.json(ctx, paging.v1Envelope(base, "/v1/Events", List.of(
                Map.entry("StartDate", start), Map.entry("SourceIpAddress", q.first("SourceIpAddress")), Map.entry("EndDate", end),
                Map.entry("ActorSid", q.first("ActorSid")), Map.entry("EventType", q.first("EventType")),
                Map.entry("ResourceSid", q.first("ResourceSid"))), "events", slice, records));
    }

    void fetchEvent(Context ctx) {
        Event e = events.fetch(Requests.caller(ctx), ctx.pathParam("sid"));
        Responses.json(ctx, view(e, Requests.baseUrl(ctx, trustProxy), events.currentOwners(List.of(e))));
    }

    /** @param owners where resources that move between accounts (phone numbers) are now, for the resource link */
    static Map<String, Object> view(Event e, String base, Map<String, String> owners) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("actor", e.actorSid().map(a -> actorUrl(base, a, e.accountSid())).orElse(null));
        links.put("resource", resourceUrl(base, e, owners.getOrDefault(e.resourceSid(), e.accountSid())));
        return EventViews.view(e, links, base + "/v1/Events/" + e.sid());
    }

    private static String actorUrl(String base, String actorSid, String accountSid) {
        // A key acts for its own account, which is the account of every event it causes.
        return actorSid.startsWith("SK")
                ? base + "/2010-04-01/Accounts/" + accountSid + "/Keys/" + actorSid + ".json"
                : base + "/2010-04-01/Accounts/" + actorSid + ".json";
    }

    /** @param owner the account the resource belongs to now */
    private static String resourceUrl(String base, Event e, String owner) {
        String account = base + "/2010-04-01/Accounts/" + owner;
        return switch (e.resourceType()) {
            case "api-key" -> account + "/Keys/" + e.resourceSid() + ".json";
            case "signing-key" -> account + "/SigningKeys/" + e.resourceSid() + ".json";
            case "address" -> account + "/Addresses/" + e.resourceSid() + ".json";
            case "clock" -> base + "/_accountd/v1/Clock";
            case "recharge" -> base + "/_accountd/v1/Accounts/" + e.mainSid() + "/Recharges/" + e.resourceSid();
            case "balance" -> base + "/_accountd/v1/Accounts/" + e.mainSid() + "/Balance";
            case "phone-number" -> account + "/IncomingPhoneNumbers/" + e.resourceSid() + ".json";
            case "price" -> base + "/_accountd/v1/Accounts/" + e.resourceSid() + "/Prices";
            default -> base + "/2010-04-01/Accounts/" + e.resourceSid() + ".json";
        };
    }
}

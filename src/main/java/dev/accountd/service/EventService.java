package dev.accountd.service;

import dev.accountd.domain.Event;
import dev.accountd.domain.EventQuery;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.EventStore;
import dev.accountd.store.PhoneNumberStore;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The audit trail as monitor v1 Events: an account reads its own events, a main account's auth token its
 * subaccounts' too, and an API key only its owning account's. Old events are pruned after the retention period.
 */
public final class EventService {
    private final EventStore events;
    private final PhoneNumberStore numbers;
    private final Duration retention;
    private final Clock clock;

    public EventService(EventStore events, PhoneNumberStore numbers, Duration retention, Clock clock) {
        this.events = events;
        this.numbers = numbers;
        this.retention = retention;
        this.clock = clock;
    }

    /** The filters of ListEvent, as parsed from the request. */
    public record Filter(Optional<String> actorSid, Optional<String> eventType, Optional<String> resourceSid,
                         Optional<String> sourceIpAddress, Optional<java.time.Instant> startDate, Optional<java.time.Instant> endDate) {}

    public Slice<Event> list(Caller caller, Filter f, PageRequest page) {
        Optional<String> family = caller.isMainAuthToken() ? Optional.of(caller.accountSid()) : Optional.empty();
        return events.list(new EventQuery(caller.accountSid(), family, f.actorSid(), f.eventType(), f.resourceSid(),
                f.sourceIpAddress(), f.startDate(), f.endDate()), page);
    }

    public Event fetch(Caller caller, String sid) {
        if (!Sid.isValid(sid, Sid.EVENT)) throw notFound(sid);
        return events.find(sid).filter(e -> visible(caller, e)).orElseThrow(() -> notFound(sid));
    }

    /**
     * Where the resources of these events live now, for their links: a phone number moves between accounts
     * (transfers), so its URL is its current owner's, not the one it had when the event happened. Resources that
     * stayed where they were, or are gone, are left out.
     */
    public Map<String, String> currentOwners(List<Event> page) {
        List<String> numberSids = page.stream().filter(e -> e.resourceType().equals("phone-number")).map(Event::resourceSid)
                .distinct().toList();
        return numbers.ownersBySid(numberSids);
    }

    private static boolean visible(Caller caller, Event e) {
        if (caller.isMainAuthToken()) return e.mainSid().equals(caller.accountSid());
        return e.accountSid().equals(caller.accountSid());
    }

    private static TwilioException notFound(String sid) {
        return TwilioException.of(ErrorCode.NOT_FOUND, "/v1/Events/" + sid);
    }

    /** Deletes events older than the retention period (30 days unless configured). */
    public int prune() {
        java.time.Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = events.deleteBefore(cutoff, 1000);
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}

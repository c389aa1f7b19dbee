package dev.accountd.service;

import dev.accountd.domain.EventWebhook;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.EventWebhookStore;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Event webhooks (accountd extension): a main account subscribes to its family's Monitor events instead of polling
 * /v1/Events. Only the main account's auth token manages them: they see every account of the family.
 */
public final class EventWebhookService {
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9_-]+)+");

    private final EventWebhookStore webhooks;
    private final Clock clock;

    public EventWebhookService(EventWebhookStore webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public EventWebhook create(Caller caller, java.util.Optional<String> url, List<String> eventTypes) {
        String main = mainOf(caller);
        String target = url.filter(u -> !u.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "Url"));
        if (!PhoneNumberRules.isWebUrl(target)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Url '" + target + "': expected an absolute http or https URL");
        }
        if (eventTypes.isEmpty()) throw TwilioException.of(ErrorCode.MISSING_PARAMETER, "EventType");
        Set<String> types = new LinkedHashSet<>();
        for (String t : eventTypes) {
            String type = t.trim();
            if (!type.equals(EventWebhook.EVERY_EVENT) && !EVENT_TYPE.matcher(type).matches()) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid EventType '" + t + "': expected an event type such as"
                        + " account.updated, or * for every event");
            }
            types.add(type);
        }
        if (types.contains(EventWebhook.EVERY_EVENT)) types = Set.of(EventWebhook.EVERY_EVENT);
        EventWebhook w = new EventWebhook(Sid.generate(EventWebhook.SID_PREFIX), main, target, types, clock.instant());
        if (!webhooks.insert(w)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "A family may have at most " + EventWebhook.MAX_PER_FAMILY
                    + " event webhooks; delete one first");
        }
        return w;
    }

    public Slice<EventWebhook> list(Caller caller, PageRequest page) { return webhooks.list(mainOf(caller), page); }

    public EventWebhook fetch(Caller caller, String sid) {
        String main = mainOf(caller);
        if (!Sid.isValid(sid, EventWebhook.SID_PREFIX)) throw TwilioException.notFound();
        return webhooks.find(main, sid).orElseThrow(TwilioException::notFound);
    }

    public void delete(Caller caller, String sid) {
        String main = mainOf(caller);
        if (!Sid.isValid(sid, EventWebhook.SID_PREFIX) || !webhooks.delete(main, sid)) throw TwilioException.notFound();
    }

    private static String mainOf(Caller caller) {
        if (!caller.isMainAuthToken()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Only the main account's auth token may manage event webhooks");
        return caller.mainSid();
    }
}

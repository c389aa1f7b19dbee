package dev.accountd.store;

import dev.accountd.domain.EventWebhook;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.util.Optional;

/** Event webhooks. Deliveries are added by the event store, in the transaction of each event. */
public interface EventWebhookStore {
    /** Adds the subscription unless the family has {@link EventWebhook#MAX_PER_FAMILY} already; false then. */
    boolean insert(EventWebhook webhook);

    Optional<EventWebhook> find(String mainSid, String sid);

    Slice<EventWebhook> list(String mainSid, PageRequest page);

    boolean delete(String mainSid, String sid);
}

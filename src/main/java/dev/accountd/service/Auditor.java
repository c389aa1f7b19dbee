package dev.accountd.service;

import dev.accountd.domain.Event;
import dev.accountd.domain.Sid;
import dev.accountd.store.Audit;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Builds audit events in Twilio's Monitor shape: who (actor), what (type and resource), from where (source). */
public final class Auditor {
    private final Clock clock;

    public Auditor(Clock clock) { this.clock = clock; }

    /**
     * An event caused by a caller, or by an operator (a CLI command) when {@code caller} is null.
     *
     * @param accountSid the account the resource belongs to
     */
    public Event event(Caller caller, String eventType, String resourceType, String resourceSid,
                       String accountSid, String mainSid, Map<String, Object> data) {
        boolean operator = caller == null;
        return new Event(
                Sid.ordered(Sid.EVENT),
                accountSid,
                mainSid,
                operator ? Optional.empty() : Optional.of(caller.credentialSid()),
                operator ? "operator" : (caller.isApiKey() ? "api-key" : "account"),
                Optional.empty(),
                data,
                clock.instant(),
                eventType,
                resourceSid,
                resourceType,
                operator ? "operator" : "api",
                operator ? Optional.empty() : Optional.ofNullable(caller.sourceIp()));
    }

    /**
     * The audit of an update: an event carrying the properties that changed ({@link #changes}), or none when
     * nothing did.
     *
     * @param event builds the event from the resource after the change and the changed properties
     */
    public static <T> Audit<T> updates(Function<T, Map<String, Object>> properties, BiFunction<T, Map<String, Object>, Event> event) {
        return (before, after) -> {
            Map<String, Object> changed = changes(properties.apply(before), properties.apply(after));
            return changed.isEmpty() ? Optional.empty() : Optional.of(event.apply(after, changed));
        };
    }

    /** {@code {field: {previous, updated}}} for the fields that differ, as Twilio's *.updated events carry. */
    public static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : after.entrySet()) {
            Object previous = before.get(e.getKey());
            if (previous == null ? e.getValue() != null : !previous.equals(e.getValue())) {
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("previous", previous);
                pair.put("updated", e.getValue());
                changed.put(e.getKey(), pair);
            }
        }
        return changed;
    }
}

package dev.accountd.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Messaging Service: a named pool of an account's sender numbers, which messages are sent through by its SID
 * (MessagingServiceSid) instead of a From number, and which scheduled messages need.
 */
public record MessagingService(String sid, String accountSid, String friendlyName, Map<MessagingServiceSetting, String> settings,
                               Instant dateCreated, Instant dateUpdated) {
    public static final String SID_PREFIX = "MG";

    public MessagingService {
        EnumMap<MessagingServiceSetting, String> copy = new EnumMap<>(MessagingServiceSetting.class);
        copy.putAll(settings);
        settings = Collections.unmodifiableMap(copy);
    }

    public Optional<String> setting(MessagingServiceSetting s) { return Optional.ofNullable(settings.get(s)); }

    /** A setting that always has a value (its default, when none was set). */
    public String value(MessagingServiceSetting s) { return setting(s).orElse(s.defaultValue()); }

    /** A number in a service's sender pool: the phone number's SID is the resource's. */
    public record Sender(String sid, String accountSid, String serviceSid, String phoneNumber, String isoCountry,
                         PhoneNumber.Capabilities capabilities, Instant dateAdded) {}
}

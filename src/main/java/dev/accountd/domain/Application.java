package dev.accountd.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** A TwiML Application: a named set of voice and messaging URLs that numbers and calls can point to by its SID. */
public record Application(String sid, String accountSid, String friendlyName, Map<ApplicationSetting, String> settings,
                          Instant dateCreated, Instant dateUpdated) {
    public static final String SID_PREFIX = "AP";

    public Application {
        EnumMap<ApplicationSetting, String> copy = new EnumMap<>(ApplicationSetting.class);
        copy.putAll(settings);
        settings = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<String> setting(ApplicationSetting s) { return Optional.ofNullable(settings.get(s)); }
}

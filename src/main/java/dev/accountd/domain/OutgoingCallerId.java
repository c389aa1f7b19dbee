package dev.accountd.domain;

import java.time.Instant;

/** A number an account has verified it owns, so that its calls may show it as their From. */
public record OutgoingCallerId(String sid, String accountSid, String phoneNumber, String friendlyName, Instant dateCreated, Instant dateUpdated) {
    /** Twilio gives caller IDs the prefix of phone numbers. */
    public static final String SID_PREFIX = "PN";
}

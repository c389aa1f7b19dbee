package dev.accountd.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An ISO 8601 date and time as the official clients send one: twilio-node and twilio-python with {@code Z} or an
 * offset, twilio-java with none ({@code 2026-11-23T10:00:00}), which is read as UTC.
 */
public final class IsoDateTime {
    private IsoDateTime() {}

    public static Optional<Instant> parse(String value) {
        String v = value.trim();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                return Optional.empty();
            }
        }
    }
}

package dev.accountd.api;

import dev.accountd.domain.IsoDateTime;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Dates as the v1 APIs write them ({@code 2015-07-31T04:00:00Z}) and read them from query parameters. */
public final class Iso8601 {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Iso8601() {}

    public static String format(Instant instant) { return FORMAT.format(instant); }

    /**
     * A date-time parameter as either official client sends it: twilio-java without a zone
     * ({@code 2026-11-23T10:00:00}, read as UTC), twilio-node with {@code Z}; an offset or a plain date also
     * work. A plain date is the start of that day, or its last instant when {@code endOfDay}.
     */
    public static Instant parse(String name, String value, boolean endOfDay) {
        return IsoDateTime.parse(value).orElseGet(() -> {
            try {
                Instant day = LocalDate.parse(value.trim()).atStartOfDay().toInstant(ZoneOffset.UTC);
                return endOfDay ? day.plus(1, ChronoUnit.DAYS).minusMillis(1) : day;
            } catch (DateTimeParseException notDate) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                        "Invalid " + name + " '" + value + "': expected an ISO 8601 date-time such as 2026-11-23T10:00:00Z");
            }
        });
    }
}

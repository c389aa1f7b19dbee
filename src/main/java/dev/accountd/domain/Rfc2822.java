package dev.accountd.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as the 2010-04-01 API writes them: {@code Thu, 30 Jul 2015 20:00:00 +0000}. Not the JDK's
 * RFC_1123_DATE_TIME, which writes GMT and one-digit days that both official clients fail to parse.
 */
public final class Rfc2822 {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private Rfc2822() {}

    public static String format(Instant instant) { return FORMAT.format(instant); }
}

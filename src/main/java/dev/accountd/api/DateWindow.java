package dev.accountd.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A date filter of the 2010-04-01 lists as Twilio reads it ({@code DateSent}, {@code StartTime}, {@code EndTime}):
 * {@code Name=YYYY-MM-DD} that day, {@code Name<} on or before, {@code Name>} on or after. A date-time at midnight
 * GMT is that day too: the SDKs send dates as date-times ({@code setDateSent(2016-08-31T00:00Z)} in twilio-java,
 * {@code date_sent=datetime(2016, 8, 31)} in twilio-python), and Twilio's documented examples use exactly that to
 * mean a day. Any other date-time counts to the second.
 *
 * @param from the first instant in the window, inclusive
 * @param before the first instant after the window
 */
record DateWindow(Optional<Instant> from, Optional<Instant> before) {

    static DateWindow of(Form q, String name) {
        Optional<Instant> from = Optional.empty();
        Optional<Instant> before = Optional.empty();
        Optional<String> on = q.first(name);
        if (on.isPresent()) {
            from = Optional.of(start(name, on.get()));
            before = Optional.of(end(name, on.get()));
        }
        Optional<String> upTo = q.first(name + "<");
        if (upTo.isPresent()) before = Optional.of(earlier(before, end(name + "<", upTo.get())));
        Optional<String> onwards = q.first(name + ">");
        if (onwards.isPresent()) from = Optional.of(later(from, start(name + ">", onwards.get())));
        return new DateWindow(from, before);
    }

    private static boolean isDate(String v) { return v.trim().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}"); }

    private static Instant start(String name, String v) { return Iso8601.parse(name, v, false); }

    /** The first instant after the day or second named. */
    private static Instant end(String name, String v) {
        if (isDate(v)) return Iso8601.parse(name, v, true).plusMillis(1);
        Instant at = Iso8601.parse(name, v, false);
        return at.equals(at.truncatedTo(ChronoUnit.DAYS)) ? at.plus(1, ChronoUnit.DAYS) : at.plus(Duration.ofSeconds(1));
    }

    private static Instant earlier(Optional<Instant> a, Instant b) { return a.filter(x -> x.isBefore(b)).orElse(b); }

    private static Instant later(Optional<Instant> a, Instant b) { return a.filter(x -> x.isAfter(b)).orElse(b); }
}

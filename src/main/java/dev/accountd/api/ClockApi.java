package dev.accountd.api;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.ClockService;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** accountd's clock: {@code GET /_accountd/v1/Clock} and {@code POST} with {@code Advance} or {@code Now}. */
public final class ClockApi {
    private final ClockService clock;

    public ClockApi(ClockService clock) { this.clock = clock; }

    void fetch(Context ctx) {
        Responses.json(ctx, view(clock.read(Requests.caller(ctx))));
    }

    void update(Context ctx) {
        Form form = Requests.form(ctx);
        Optional<String> advance = form.first("Advance");
        Optional<String> now = form.first("Now");
        if (advance.isPresent() == now.isPresent()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Send Advance (a duration such as P1D) or Now (an instant), one of them");
        }
        ClockService.State state = advance.isPresent()
                ? advanceBy(Requests.caller(ctx), advance.get())
                : clock.setNow(Requests.caller(ctx), Iso8601.parse("Now", now.get(), false));
        Responses.json(ctx, view(state));
    }

    /** An ISO 8601 duration: a calendar part (years, months, weeks, days) and a time part, such as P1M2DT3H. */
    private ClockService.State advanceBy(dev.accountd.service.Caller caller, String raw) {
        String v = raw.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            if (!v.startsWith("P") || v.length() < 3) throw new DateTimeParseException("no duration", v, 0);
            int t = v.indexOf('T');
            String datePart = t < 0 ? v : v.substring(0, t);
            Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
            Duration duration = t < 0 ? Duration.ZERO : Duration.parse("PT" + v.substring(t + 1));
            return clock.advance(caller, period, duration);
        } catch (DateTimeParseException e) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                    "Invalid Advance '" + raw + "': expected an ISO 8601 duration such as P1D, PT90S, P3M or P1DT12H");
        }
    }

    private static Map<String, Object> view(ClockService.State s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("now", Iso8601.format(s.now()));
        v.put("mode", s.mode());
        return v;
    }
}

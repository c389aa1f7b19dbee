package dev.accountd.api;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.Caller;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What handlers read from a request: the authenticated caller, the query and the form body. */
public final class Requests {
    static final String CALLER = "accountd.caller";
    private static final String QUERY = "accountd.query";

    private Requests() {}

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) throw new IllegalStateException("route without Role.ACCOUNT reached an authenticated handler");
        return caller;
    }

    /**
     * The peer address of the request; the first X-Forwarded-For address only when the server is configured to
     * trust its proxy (otherwise any client could write its own audit-trail address).
     */
    public static String sourceIp(Context ctx, boolean trustProxy) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) return forwarded.split(",")[0].trim();
        }
        return ctx.req().getRemoteAddr();
    }

    /**
     * The server's own base URL as the client reached it (scheme and Host header), for the absolute URLs of the
     * v1 APIs. Never twilio.com: clients follow these URLs verbatim. X-Forwarded-Proto/-Host count only behind a
     * trusted proxy (the SDK redirect clients send X-Forwarded-Host: api.twilio.com, which must not leak here).
     */
    public static String baseUrl(Context ctx, boolean trustProxy) {
        String scheme = ctx.scheme();
        String host = ctx.header("Host");
        if (trustProxy) {
            String fp = ctx.header("X-Forwarded-Proto");
            String fh = ctx.header("X-Forwarded-Host");
            if (fp != null && !fp.isBlank()) scheme = fp.split(",")[0].trim();
            if (fh != null && !fh.isBlank()) host = fh.split(",")[0].trim();
        }
        if (host == null || host.isBlank()) host = ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort();
        return scheme + "://" + host;
    }

    /** The query string, parsed once per request: the authentication step checks it and handlers read it. */
    public static Form query(Context ctx) {
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) return EMPTY; // most requests: nothing to parse or to keep
        Form parsed = ctx.attribute(QUERY);
        if (parsed == null) {
            parsed = Form.parse(raw);
            ctx.attribute(QUERY, parsed);
        }
        return parsed;
    }

    private static final Form EMPTY = Form.empty();

    /** The form body of a POST. Twilio's clients always send x-www-form-urlencoded; anything else is a 400. */
    public static Form form(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) return Form.empty();
        String type = ctx.contentType();
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                    "Unsupported Content-Type '" + type + "': send the parameters as application/x-www-form-urlencoded");
        }
        try {
            return Form.parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "The request body is not valid UTF-8");
        }
    }

    /** A boolean parameter as the SDKs send it ({@code true} or {@code false}); anything else is a 400. */
    static Optional<Boolean> boolParam(Form form, String name) {
        return form.first(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + v + "': expected true or false");
        });
    }

    /** An enum parameter: absent, or exactly one of the spec's values (400 otherwise). */
    static <E> Optional<E> enumParam(Form form, String name, Function<String, Optional<E>> parse, Set<String> allowed) {
        Optional<String> raw = form.first(name);
        if (raw.isEmpty()) return Optional.empty();
        return Optional.of(parse.apply(raw.get()).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                "Invalid " + name + " '" + raw.get() + "': expected one of " + String.join(", ", allowed))));
    }
}

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
final class Requests {
    static final String CALLER = "accountd.caller";

    private Requests() {}

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) throw new IllegalStateException("route without Access.ACCOUNT reached an authenticated handler");
        return caller;
    }

    static Form query(Context ctx) {
        return Form.parse(ctx.queryString());
    }

    /** The form body of a POST. Twilio's clients always send x-www-form-urlencoded; anything else is a 400. */
    static Form form(Context ctx) {
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

    /** An enum parameter: absent, or exactly one of the spec's values (400 otherwise). */
    static <E> Optional<E> enumParam(Form form, String name, Function<String, Optional<E>> parse, Set<String> allowed) {
        Optional<String> raw = form.first(name);
        if (raw.isEmpty()) return Optional.empty();
        return Optional.of(parse.apply(raw.get()).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                "Invalid " + name + " '" + raw.get() + "': expected one of " + String.join(", ", allowed))));
    }
}

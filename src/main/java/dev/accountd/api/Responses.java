package dev.accountd.api;

import dev.accountd.json.Json;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes response bodies: JSON views and Twilio-shaped errors. */
final class Responses {
    private Responses() {}

    static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=utf-8").result(Json.write(body));
    }

    /** A body that is already JSON. */
    static void rawJson(Context ctx, String body) {
        ctx.contentType("application/json; charset=utf-8").result(body);
    }

    /** A body that is already JSON, already encoded. */
    static void rawJson(Context ctx, byte[] body) {
        ctx.contentType("application/json; charset=utf-8").result(body);
    }

    /** Twilio's error shape, exactly its four keys; twilio-java reads the HTTP status from {@code status}. */
    static Map<String, Object> errorBody(int code, String message, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return body;
    }

    static void error(Context ctx, TwilioException e) {
        if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        error(ctx, e.errorCode(), e.errorCode() == ErrorCode.NOT_FOUND ? notFoundMessage(ctx) : e.getMessage());
    }

    /** Twilio's 404 message names the path that was requested. */
    static String notFoundMessage(Context ctx) {
        return String.format(ErrorCode.NOT_FOUND.template(), ctx.path());
    }

    static void error(Context ctx, ErrorCode code, String message) {
        Map<String, Object> body = errorBody(code.code(), message, code.httpStatus());
        ctx.status(code.httpStatus());
        if (code == ErrorCode.AUTHENTICATE) ctx.header("WWW-Authenticate", "Basic realm=\"Twilio API\"");
        json(ctx, body);
    }
}

package dev.accountd.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Asserts that a Twilio SDK call fails the way Twilio would: HTTP status, Twilio code and message. */
public final class TwilioAssertions {
    private TwilioAssertions() {}

    /** The same for a raw answer: status, exactly Twilio's four error keys, code, message and JSON content type. */
    public static void assertTwilioError(RawHttp.Reply r, int status, int code, String messagePart) {
        assertEquals(status, r.status(), r.body());
        JsonNode body = r.json();
        assertNotNull(body, "error bodies are JSON: " + r.body());
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("code", "message", "more_info", "status"), keys, "exactly Twilio's four error keys");
        assertEquals(code, body.get("code").asInt());
        assertEquals(status, body.get("status").asInt(), "twilio-java reads the status from the body");
        assertEquals("https://www.twilio.com/docs/errors/" + code, body.get("more_info").asText());
        assertTrue(body.get("message").asText().contains(messagePart), body.get("message").asText());
        if (r.response() != null) assertTrue(r.header("Content-Type").startsWith("application/json"));
    }

    public static ApiException assertTwilioError(int status, int code, String messagePart, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.getStatusCode(), "HTTP status (" + e.getMessage() + ")");
        assertEquals(code, e.getCode(), "Twilio code (" + e.getMessage() + ")");
        assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' should contain '" + messagePart + "'");
        assertEquals("https://www.twilio.com/docs/errors/" + code, e.getMoreInfo());
        return e;
    }
}

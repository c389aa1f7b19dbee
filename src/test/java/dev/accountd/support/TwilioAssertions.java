package dev.accountd.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import org.junit.jupiter.api.function.Executable;

/** Asserts that a Twilio SDK call fails the way Twilio would: HTTP status, Twilio code and message. */
public final class TwilioAssertions {
    private TwilioAssertions() {}

    public static ApiException assertTwilioError(int status, int code, String messagePart, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.getStatusCode(), "HTTP status (" + e.getMessage() + ")");
        assertEquals(code, e.getCode(), "Twilio code (" + e.getMessage() + ")");
        assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' should contain '" + messagePart + "'");
        assertEquals("https://www.twilio.com/docs/errors/" + code, e.getMoreInfo());
        return e;
    }
}

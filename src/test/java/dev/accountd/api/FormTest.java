package dev.accountd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormTest {
    @Test
    void decodesPlusAndPercentEncodingAsUtf8() {
        Form f = Form.parse("FriendlyName=J%C3%BCrgen+%26+Co&Empty=&Flag");
        assertEquals(Optional.of("Jürgen & Co"), f.first("FriendlyName"));
        assertEquals(Optional.of(""), f.first("Empty"));
        assertEquals(Optional.of(""), f.first("Flag"));
        assertEquals(Optional.empty(), f.first("Missing"));
    }

    @Test
    void repeatedKeys_keepEveryValueInOrder() {
        assertEquals(List.of("AC1", "AC2"), Form.parse("AccountSid=AC1&AccountSid=AC2").all("AccountSid"));
    }

    @Test
    void invalidPercentEncoding_isA400() {
        for (String bad : List.of("a=%", "a=%4", "a=%zz", "%G0=x")) {
            TwilioException e = assertThrows(TwilioException.class, () -> Form.parse(bad));
            assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
        }
    }

    @Test
    void invalidUtf8_isA400() {
        assertThrows(TwilioException.class, () -> Form.parse("a=%C3%28"));
    }
}

package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.accountd.error.TwilioException;
import org.junit.jupiter.api.Test;

/** The PhoneNumber list filter: Twilio's partial numbers with {@code *} wildcards, as SQL LIKE patterns. */
class PhoneNumberServiceTest {

    @Test
    void aLeadingPlusAnchorsTheStart_otherwiseThePartMatchesAnywhere() {
        assertEquals("+1415%", PhoneNumberService.likePattern("+1415"));
        assertEquals("%5550123%", PhoneNumberService.likePattern("5550123"));
    }

    @Test
    void aStarIsAnyOneDigit_andFormattingIsIgnored() {
        assertEquals("+1415___0123%", PhoneNumberService.likePattern("+1415***0123"));
        assertEquals("%415555%", PhoneNumberService.likePattern("(415) 555"));
    }

    @Test
    void lettersAndSqlWildcardsAreRefused() {
        for (String bad : new String[] {"CALL", "41%5", "415_", "+", ""}) {
            assertThrows(TwilioException.class, () -> PhoneNumberService.likePattern(bad), bad);
        }
    }
}

package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.error.TwilioException;
import org.junit.jupiter.api.Test;

/** Contains, as the spec describes it; numbers are matched without their leading +. */
class AvailableNumberServiceTest {
    static boolean matches(String contains, String number) {
        return ContainsPattern.parse(contains).regex().matcher(number).find();
    }

    @Test
    void contains_readsLettersAsKeypadDigits() {
        assertTrue(matches("STORM", "14157867676"));
        assertTrue(matches("storm", "14157867676"));
    }

    @Test
    void contains_starIsAnyOneDigit_andPercentAnyDigits_beforeOrAfterTheDigits() {
        assertTrue(matches("1415555****", "14155551234"));
        assertFalse(matches("+1415555***", "141555512"), "*** is three digits");
        assertTrue(matches("**1234$", "14155551234"));
        assertTrue(matches("%1234$", "14155551234"));
        assertTrue(matches("+1415%", "14155551234"));
        assertFalse(matches("+1415%", "12125551234"));
    }

    @Test
    void contains_plusAnchorsTheStart_andDollarTheEnd() {
        assertTrue(matches("+1415", "14155551234"));
        assertFalse(matches("+415", "14155551234"));
        assertTrue(matches("1234$", "14155551234"));
        assertFalse(matches("1415$", "14155551234"));
    }

    @Test
    void contains_outsideTheSpecsPatternRules_isRefused() {
        for (String bad : new String[] {
                "1", "12345678901234567", "12-34", "12 34", // length and characters
                "415***1234", "4*5",                        // wildcards between digits
                "**", "2*", "%5%",                          // wildcards with fewer than two digits
                "+*1415", "1415*$",                         // + or $ next to a wildcard
                "14+15", "14$15"}) {                        // + only first, $ only last
            assertThrows(TwilioException.class, () -> ContainsPattern.parse(bad), bad);
        }
    }
}

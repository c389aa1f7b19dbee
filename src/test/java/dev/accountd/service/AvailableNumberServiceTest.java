package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.error.TwilioException;
import org.junit.jupiter.api.Test;

class AvailableNumberServiceTest {
    @Test
    void contains_readsLettersAsKeypadDigits_andStarAsAnyDigit() {
        assertTrue(AvailableNumberService.containsPattern("STORM").matcher("14157867676").find());
        assertTrue(AvailableNumberService.containsPattern("415***1234").matcher("14155551234").find());
        assertFalse(AvailableNumberService.containsPattern("415***1234").matcher("14155551235").find());
        assertTrue(AvailableNumberService.containsPattern("+1415").matcher("14155551234").find());
        assertFalse(AvailableNumberService.containsPattern("+415").matcher("14155551234").find());
        assertTrue(AvailableNumberService.containsPattern("1234$").matcher("14155551234").find());
    }

    @Test
    void contains_outsideTwoToSixteenDigitsLettersOrStars_isRefused() {
        for (String bad : new String[] {"1", "12345678901234567", "12-34", "12 34"}) {
            assertThrows(TwilioException.class, () -> AvailableNumberService.containsPattern(bad), bad);
        }
    }
}

package dev.accountd.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc2822Test {
    @Test
    void formatsLikeTwilio_withPlusZeroZeroAndTwoDigitDays() {
        assertEquals("Thu, 30 Jul 2015 20:00:00 +0000", Rfc2822.format(Instant.parse("2015-07-30T20:00:00Z")));
        assertEquals("Sun, 01 Mar 2026 09:05:07 +0000", Rfc2822.format(Instant.parse("2026-03-01T09:05:07.999Z")));
    }
}

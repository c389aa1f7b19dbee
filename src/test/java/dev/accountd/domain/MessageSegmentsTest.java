package dev.accountd.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many segments Twilio bills for a body: GSM-7 when every character allows it, UCS-2 otherwise. */
class MessageSegmentsTest {
    static final String EMOJI = "😀";

    static MessageSegments.Count gsm(int segments) { return new MessageSegments.Count("GSM", segments); }

    static MessageSegments.Count ucs2(int segments) { return new MessageSegments.Count("UCS-2", segments); }

    @Test
    void aGsmBody_fitsOneSegmentUpTo160Characters_thenSplitsInto153CharacterParts() {
        assertEquals(gsm(1), MessageSegments.of("a".repeat(160)));
        assertEquals(gsm(2), MessageSegments.of("a".repeat(161)));
        assertEquals(gsm(2), MessageSegments.of("a".repeat(306)));
        assertEquals(gsm(3), MessageSegments.of("a".repeat(307)));
        assertEquals(gsm(11), MessageSegments.of("a".repeat(1600)));
    }

    @Test
    void extensionCharacters_countTwice() {
        assertEquals(gsm(1), MessageSegments.of("€".repeat(80)));
        assertEquals(gsm(2), MessageSegments.of("€".repeat(81)));
        assertEquals(gsm(2), MessageSegments.of("a".repeat(159) + "^"), "161 septets");
    }

    @Test
    void anExtensionCharacter_isNotSplitAcrossSegments() {
        // 152 + 2 + 152 = 306 septets would fill two parts, but the € cannot straddle the boundary
        // so it opens the second part, and the last 'a' spills into a third.
        assertEquals(gsm(3), MessageSegments.of("a".repeat(152) + "€" + "a".repeat(152)));
        assertEquals(gsm(2), MessageSegments.of("a".repeat(151) + "€" + "a".repeat(153)), "exactly 153 + 153");
    }

    @Test
    void oneEmoji_switchesTheWholeBodyToUcs2() {
        assertEquals(ucs2(1), MessageSegments.of("hello " + EMOJI));
        assertEquals(ucs2(3), MessageSegments.of("a".repeat(160) + EMOJI), "162 units in 67-unit parts");
    }

    @Test
    void aUcs2Body_fitsOneSegmentUpTo70Units_thenSplitsInto67UnitParts() {
        assertEquals(ucs2(1), MessageSegments.of("ą".repeat(70)));
        assertEquals(ucs2(2), MessageSegments.of("ą".repeat(71)));
        assertEquals(ucs2(2), MessageSegments.of("ą".repeat(134)));
        assertEquals(ucs2(3), MessageSegments.of("ą".repeat(135)));
    }

    @Test
    void aSurrogatePair_isNotSplitAcrossSegments() {
        assertEquals(ucs2(1), MessageSegments.of("ą".repeat(68) + EMOJI), "70 units fit one segment");
        assertEquals(ucs2(2), MessageSegments.of("ą".repeat(69) + EMOJI), "71 units");
        // 66 + 2 + 66 = 134 units would fill two parts, but the emoji cannot straddle the boundary
        // so it opens the second part, and the last 'ą' spills into a third.
        assertEquals(ucs2(3), MessageSegments.of("ą".repeat(66) + EMOJI + "ą".repeat(66)));
        assertEquals(ucs2(2), MessageSegments.of("ą".repeat(65) + EMOJI + "ą".repeat(67)), "exactly 67 + 67");
    }

    @Test
    void anEmptyBody_isOneGsmSegment() {
        assertEquals(gsm(1), MessageSegments.of(""));
    }

    @Test
    void accentedLettersInTheGsmAlphabet_stayGsm_butOthersSwitchToUcs2() {
        assertEquals(gsm(1), MessageSegments.of("Ç"));
        assertEquals(gsm(1), MessageSegments.of("ü"));
        assertEquals(gsm(1), MessageSegments.of("Ça, über {ΔΩ} @ £5\n"));
        assertEquals(ucs2(1), MessageSegments.of("ç"), "lower-case c-cedilla is not in the GSM basic set");
    }
}
